package io.diffusion4j.schedule;

import java.util.Arrays;

/**
 * A discrete variance-preserving noise schedule β_1..β_T (Ho et al. 2020, eq. 2), held in double precision.
 * Index t runs from 1 to T; t = 0 is the data, with ᾱ_0 = 1. Immutable.
 *
 * <p>Built by the static factories ({@link #linear}, {@link #cosine}, …); {@link #withZeroTerminalSnr()} gives the
 * rescaled schedule of Lin et al. 2024 (Algorithm 1).
 */
public final class Schedule {
    private final String name;
    private final double[] betas;     // betas[t-1] = β_t
    private final double[] alphaBars; // alphaBars[t] = ᾱ_t, alphaBars[0] = 1

    private Schedule(String name, double[] betas) {
        this.name = name;
        this.betas = betas.clone();
        this.alphaBars = new double[betas.length + 1];
        alphaBars[0] = 1.0;
        for (int t = 1; t <= betas.length; t++) {
            double b = betas[t - 1];
            if (!(b >= 0 && b <= 1)) {
                throw new IllegalArgumentException(name + " schedule: β_" + t + " = " + b + " is outside [0, 1]");
            }
            alphaBars[t] = alphaBars[t - 1] * (1 - b); // ᾱ_t = Π_{s≤t} α_s (Ho et al. 2020, below eq. 4)
        }
    }

    /** A schedule from explicit β_1..β_T. */
    public static Schedule fromBetas(String name, double... betas) {
        if (betas.length == 0) {
            throw new IllegalArgumentException("a schedule needs T >= 1 steps");
        }
        return new Schedule(name, betas);
    }

    /** β linear from betaStart to betaEnd (Ho et al. 2020, §4: 1e-4 … 0.02). */
    public static Schedule linear(int T, double betaStart, double betaEnd) {
        double[] b = new double[checkT(T)];
        for (int i = 0; i < T; i++) {
            b[i] = T == 1 ? betaStart : betaStart + (betaEnd - betaStart) * i / (T - 1);
        }
        return new Schedule("linear", b);
    }

    /** √β linear from √betaStart to √betaEnd (Rombach et al. 2022, the Stable Diffusion "scaled linear"). */
    public static Schedule scaledLinear(int T, double betaStart, double betaEnd) {
        return rootSquared("scaled-linear", T, betaStart, betaEnd);
    }

    /** Quadratic: √β linear (the "quad" schedule of Ho et al.'s code); same curve as scaled-linear, default ends differ. */
    public static Schedule quadratic(int T, double betaStart, double betaEnd) {
        return rootSquared("quadratic", T, betaStart, betaEnd);
    }

    private static Schedule rootSquared(String name, int T, double betaStart, double betaEnd) {
        double[] b = new double[checkT(T)];
        double s0 = Math.sqrt(betaStart);
        double s1 = Math.sqrt(betaEnd);
        for (int i = 0; i < T; i++) {
            double s = T == 1 ? s0 : s0 + (s1 - s0) * i / (T - 1);
            b[i] = s * s;
        }
        return new Schedule(name, b);
    }

    /**
     * Sigmoid: β_t = σ(x_t)·(betaEnd − betaStart) + betaStart with x_t linear in [−6, 6], increasing in t
     * (the GeoDiff / channel-modelling schedule; β_1 is the smallest, β_T the largest).
     */
    public static Schedule sigmoid(int T, double betaStart, double betaEnd) {
        double[] b = new double[checkT(T)];
        for (int i = 0; i < T; i++) {
            double x = T == 1 ? 0 : -6 + 12.0 * i / (T - 1);
            b[i] = betaStart + (betaEnd - betaStart) / (1 + Math.exp(-x));
        }
        return new Schedule("sigmoid", b);
    }

    /**
     * Cosine: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s)·π/2), β_t = min(1 − ᾱ_t/ᾱ_{t−1}, maxBeta)
     * (Nichol &amp; Dhariwal 2021, eq. 17; s = 0.008, maxBeta = 0.999).
     */
    public static Schedule cosine(int T, double s, double maxBeta) {
        double[] b = new double[checkT(T)];
        for (int t = 1; t <= T; t++) {
            b[t - 1] = Math.min(1 - cosineF(t, T, s) / cosineF(t - 1, T, s), maxBeta);
        }
        return new Schedule("cosine", b);
    }

    private static double cosineF(int t, int T, double s) {
        double c = Math.cos(((double) t / T + s) / (1 + s) * Math.PI / 2);
        return c * c;
    }

    /** Constant β (the channel-modelling setting: β = 0.05, T = 100). */
    public static Schedule constant(int T, double beta) {
        double[] b = new double[checkT(T)];
        Arrays.fill(b, beta);
        return new Schedule("constant", b);
    }

    private static int checkT(int T) {
        if (T < 1) {
            throw new IllegalArgumentException("T must be >= 1, got " + T);
        }
        return T;
    }

    /**
     * The same schedule rescaled to zero terminal SNR: √ᾱ is shifted and scaled so that √ᾱ_T = 0 while √ᾱ_1 is
     * kept (Lin et al. 2024, Algorithm 1). The last β becomes 1.
     */
    public Schedule withZeroTerminalSnr() {
        int T = T();
        double first = Math.sqrt(alphaBars[1]);
        double last = Math.sqrt(alphaBars[T]);
        if (first == last) {
            throw new IllegalArgumentException("cannot rescale to zero terminal SNR: √ᾱ_1 = √ᾱ_T");
        }
        double[] b = new double[T];
        double prev = 1.0;
        for (int t = 1; t <= T; t++) {
            double s = (Math.sqrt(alphaBars[t]) - last) * first / (first - last);
            double ab = s * s;
            b[t - 1] = 1 - ab / prev;
            prev = ab;
        }
        return new Schedule(name + "+zero-terminal-snr", b);
    }

    public String name() {
        return name;
    }

    /** Number of diffusion steps T. */
    public int T() {
        return betas.length;
    }

    /** β_t for t in 1..T. */
    public double beta(int t) {
        return betas[check(t, 1) - 1];
    }

    /** α_t = 1 − β_t. */
    public double alpha(int t) {
        return 1 - beta(t);
    }

    /** ᾱ_t = Π_{s≤t} α_s for t in 0..T (ᾱ_0 = 1). */
    public double alphaBar(int t) {
        return alphaBars[check(t, 0)];
    }

    /** √ᾱ_t, the signal scale. */
    public double sqrtAlphaBar(int t) {
        return Math.sqrt(alphaBar(t));
    }

    /** √(1 − ᾱ_t), the noise scale. */
    public double sigma(int t) {
        return Math.sqrt(1 - alphaBar(t));
    }

    /** SNR(t) = ᾱ_t / (1 − ᾱ_t) (Kingma et al. 2021). */
    public double snr(int t) {
        return level(t).snr();
    }

    /** log SNR(t). */
    public double logSnr(int t) {
        return level(t).logSnr();
    }

    /** Posterior variance β̃_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) · β_t (Ho et al. 2020, eq. 7). */
    public double posteriorVariance(int t) {
        return Transition.between(level(t), level(t - 1)).posteriorVariance();
    }

    /** The noise level of index t (t = 0 is the data). */
    public NoiseLevel level(int t) {
        double ab = alphaBar(t);
        return new NoiseLevel(Math.sqrt(ab), Math.sqrt(Math.max(0, 1 - ab)), t);
    }

    /** β_1..β_T as a copy. */
    public double[] betas() {
        return betas.clone();
    }

    private int check(int t, int lo) {
        if (t < lo || t > betas.length) {
            throw new IndexOutOfBoundsException("timestep " + t + " outside " + lo + ".." + betas.length);
        }
        return t;
    }

    @Override
    public String toString() {
        return name + "(T=" + T() + ")";
    }
}
