package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.LearnedVarianceDenoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.naming.Names;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.sampler.DdpmSampler;

/**
 * The variance Σ_θ of the reverse steps p_θ(x_{t−1} | x_t) = N(μ_θ, Σ_θ): fixed at β̃_t or β_t (Ho et al. 2020, §3.2),
 * or learned as an interpolation between them (Nichol &amp; Dhariwal 2021, eq. 15). The choice fixes the network's
 * output width, the {@link Denoiser} that reads it, and what the sampler and the bound use.
 */
public enum ReverseVariance {
    FIXED_SMALL("fixed-small"),
    FIXED_LARGE("fixed-large"),
    LEARNED("learned");

    private final String id;

    ReverseVariance(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * Our ids, with diffusers' {@code variance_type} names: fixed_small and fixed_small_log (the same β̃, kept in
     * log), fixed_large and fixed_large_log, and learned_range (our learned: Nichol &amp; Dhariwal's interpolation;
     * diffusers' plain "learned", the raw variance, is taken as the same choice).
     */
    public static final Names<ReverseVariance> NAMES = Names.of("--variance",
            Names.entry(FIXED_SMALL, "fixed-small", "small", "fixed_small_log"),
            Names.entry(FIXED_LARGE, "fixed-large", "large", "fixed_large_log"),
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

    /** The fixed variance a bound or sampler falls back on (β̃ for a learned model, which always brings its own). */
    public DdpmSampler.Variance fixed() {
        return this == FIXED_LARGE ? DdpmSampler.Variance.LARGE : DdpmSampler.Variance.SMALL;
    }

    /** The ancestral sampler for this variance (a learned variance travels with each prediction). */
    public DdpmSampler sampler() {
        return new DdpmSampler(fixed());
    }

    /** The trained network seen as a denoiser, with an optional condition (null for none). */
    public Denoiser denoiser(Network network, Parametrization parametrization, NDArray condition) {
        return learned() ? new LearnedVarianceDenoiser(network, parametrization, condition)
                : new NetworkDenoiser(network, parametrization, condition);
    }
}
