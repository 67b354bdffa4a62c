package io.diffusion4j.param;

import io.diffusion4j.naming.Names;
import io.diffusion4j.schedule.Transition;

/**
 * The variance Σ_θ of the reverse steps p_θ(x_{t−1} | x_t) = N(μ_θ, Σ_θ): fixed at the posterior variance β̃_t (the
 * lower bound) or the step variance β_t (the upper bound) (Ho et al. 2020, §3.2), or learned as an interpolation
 * between them (Nichol &amp; Dhariwal 2021, eq. 15, computed by {@link LearnedVariance}). The one choice that fixes
 * the network's output width, the denoiser that reads it, the ancestral sampler's noise and the variational bound.
 * A learned Σ_θ travels with each {@link Prediction} ({@link Prediction#varianceFraction()}); where a prediction
 * carries none (a guidance decorator builds a new one), a learned variance falls back on β̃_t.
 */
public enum ReverseVariance {
    FIXED_SMALL("fixed-small"),
    FIXED_LARGE("fixed-large"),
    LEARNED("learned");

    private final String id;

    ReverseVariance(String id) {
        this.id = id;
    }

    /** The id config.json stores and the CLI shows: fixed-small, fixed-large or learned. */
    public String id() {
        return id;
    }

    /**
     * Our ids, with diffusers' {@code variance_type} names: fixed_small and fixed_small_log (the same β̃, kept in
     * log), fixed_large and fixed_large_log, and learned_range (our learned: Nichol &amp; Dhariwal's interpolation;
     * diffusers' plain "learned", the raw variance, is taken as the same choice); posterior and beta-tilde name β̃,
     * beta names β.
     */
    public static final Names<ReverseVariance> NAMES = Names.of("--variance",
            Names.entry(FIXED_SMALL, "fixed-small", "small", "fixed_small_log", "posterior", "beta-tilde"),
            Names.entry(FIXED_LARGE, "fixed-large", "large", "fixed_large_log", "beta"),
            Names.entry(LEARNED, "learned", "learned_range"));

    /** fixed-small, fixed-large or learned, or an alias of {@link #NAMES}. */
    public static ReverseVariance parse(String s) {
        return NAMES.parse(s);
    }

    public boolean learned() {
        return this == LEARNED;
    }

    /** The network's output channels for data with {@code dataChannels}: twice as many when learned. */
    public int outputChannels(int dataChannels) {
        return learned() ? 2 * dataChannels : dataChannels;
    }

    /**
     * True when the fixed variance is the step variance β_t (fixed-large); false when it is the posterior variance
     * β̃_t (fixed-small, and a learned variance where the prediction carries none).
     */
    public boolean fixedAtStepVariance() {
        return this == FIXED_LARGE;
    }

    /** The fixed σ² of one transition of a grid: β_t or β̃_t as {@link #fixedAtStepVariance()} says. */
    public double fixedVariance(Transition tr) {
        return fixedAtStepVariance() ? tr.stepVariance() : tr.posteriorVariance();
    }
}
