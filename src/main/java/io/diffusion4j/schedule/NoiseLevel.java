package io.diffusion4j.schedule;

/**
 * One noise level of a Gaussian diffusion: the marginal x_t = alpha·x₀ + sigma·ε, in the notation of
 * Kingma et al. 2021 (VDM, eq. 1). For a discrete variance-preserving schedule alpha = √ᾱ_t and
 * sigma = √(1−ᾱ_t); for a variance-exploding SDE alpha = 1. {@code time} is the value the network is fed
 * (the integer index t for discrete models, the continuous time for SDE models).
 *
 * <p>This is the one place where discrete and continuous time meet: samplers, parametrizations and guidance
 * only ever see noise levels.
 */
public record NoiseLevel(double alpha, double sigma, double time) {

    /** The clean-data level: alpha = 1, sigma = 0, time 0. */
    public static final NoiseLevel DATA = new NoiseLevel(1.0, 0.0, 0.0);

    public NoiseLevel {
        if (!(alpha >= 0) || !(sigma >= 0) || !Double.isFinite(alpha) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise level needs finite alpha, sigma >= 0, got " + alpha + ", " + sigma);
        }
    }

    /** Signal-to-noise ratio alpha²/sigma² (Kingma et al. 2021, eq. 2); +∞ at the data level. */
    public double snr() {
        return sigma == 0 ? Double.POSITIVE_INFINITY : (alpha * alpha) / (sigma * sigma);
    }

    /** log SNR = 2 log(alpha/sigma), the λ of DPM-Solver and VDM. */
    public double logSnr() {
        return 2 * (Math.log(alpha) - Math.log(sigma));
    }

    /** ᾱ for a variance-preserving level (alpha²). */
    public double alphaBar() {
        return alpha * alpha;
    }

    /** True when this is the noiseless level (sigma = 0). */
    public boolean isData() {
        return sigma == 0;
    }
}
