package io.diffusion4j.param;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.naming.Names;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

import java.util.Locale;

/**
 * What a network is trained to output, and the only place that converts between the forms. With
 * x_t = alpha·x₀ + sigma·ε:
 * <ul>
 *   <li>{@link #EPS}: ε (Ho et al. 2020) — x̂₀ = (x_t − sigma·ε̂)/alpha;</li>
 *   <li>{@link #X0}: x₀ — ε̂ = (x_t − alpha·x̂₀)/sigma;</li>
 *   <li>{@link #V}: v = alpha·ε − sigma·x₀ (Salimans &amp; Ho 2022, eq. 9) — x̂₀ = (alpha·x_t − sigma·v̂)/(alpha²+sigma²),
 *   ε̂ = (sigma·x_t + alpha·v̂)/(alpha²+sigma²), which reduces to the paper's form when alpha²+sigma² = 1.</li>
 * </ul>
 * Coefficients come as NDArrays so that one code path serves a single level (sampling) and per-sample levels
 * (training): pass 0-d arrays or arrays from {@link PerSample}.
 */
public enum Parametrization {
    EPS, X0, V;

    /** Our ids eps, x0, v and diffusers' {@code prediction_type} names epsilon, sample, v_prediction. */
    public static final Names<Parametrization> NAMES = Names.of("prediction",
            Names.entry(EPS, "eps", "epsilon", "noise"),
            Names.entry(X0, "x0", "sample", "x_0"),
            Names.entry(V, "v", "v_prediction"));

    /** Parses "eps", "x0" or "v", or diffusers' "epsilon", "sample", "v_prediction" (case and _/- ignored). */
    public static Parametrization parse(String s) {
        return NAMES.parse(s);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Converts raw network output at one noise level into a full prediction. */
    public Prediction predict(NDArray out, NDArray x, NoiseLevel level) {
        if (this == EPS && level.alpha() == 0) {
            throw new IllegalStateException("ε-prediction cannot recover x̂₀ where √ᾱ = 0 (zero terminal SNR): "
                    + "train with --prediction v");
        }
        NDArray a = PerSample.scalar(level.alpha(), x);
        NDArray s = PerSample.scalar(level.sigma(), x);
        return new Prediction(x, x0(out, x, a, s), eps(out, x, a, s, level.sigma() == 0), level);
    }

    /** x̂₀ from raw output, with broadcastable coefficients alpha, sigma. */
    public NDArray x0(NDArray out, NDArray x, NDArray alpha, NDArray sigma) {
        return switch (this) {
            case EPS -> x.sub(sigma.mul(out)).div(alpha);
            case X0 -> out;
            case V -> x.mul(alpha).sub(out.mul(sigma)).div(alpha.square().add(sigma.square()));
        };
    }

    private NDArray eps(NDArray out, NDArray x, NDArray alpha, NDArray sigma, boolean noiseless) {
        return switch (this) {
            case EPS -> out;
            // At sigma = 0 the noise is undefined; any finite ε̂ gives the same x_t, so report zeros.
            case X0 -> noiseless ? out.zerosLike() : x.sub(alpha.mul(out)).div(sigma);
            case V -> x.mul(sigma).add(out.mul(alpha)).div(alpha.square().add(sigma.square()));
        };
    }

    /** The regression target for clean data x₀ and noise ε. */
    public NDArray target(NDArray x0, NDArray eps, NDArray alpha, NDArray sigma) {
        return switch (this) {
            case EPS -> eps;
            case X0 -> x0;
            case V -> eps.mul(alpha).sub(x0.mul(sigma));
        };
    }

    /**
     * The factor c with ‖out − target‖² = c·‖x̂₀ − x₀‖² at a level: SNR for ε, 1 for x₀,
     * (alpha²+sigma²)·(SNR + 1) for v (= SNR + 1 when variance-preserving). Loss weightings divide by it.
     */
    public double x0ErrorScale(double alpha, double sigma) {
        double snr = (alpha * alpha) / (sigma * sigma);
        return switch (this) {
            case EPS -> snr;
            case X0 -> 1.0;
            case V -> (alpha * alpha + sigma * sigma) * (snr + 1);
        };
    }
}
