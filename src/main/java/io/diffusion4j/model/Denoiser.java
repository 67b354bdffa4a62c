package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * The one model interface every sampler, guidance term and likelihood estimator uses: given x_t at a noise level,
 * say what x₀ and ε are expected to be. Trained networks, closed-form oracles and guidance decorators all implement
 * it, so every sampler works with each of them. Conditioning (labels, measurements) is bound into the denoiser.
 *
 * <p>Implementations should create their outputs in x's manager so callers can scope memory per step.
 */
@FunctionalInterface
public interface Denoiser {

    /** E[x₀ | x_t] and E[ε | x_t] for the batch x at the given level. */
    Prediction predict(NDArray x, NoiseLevel level);

    /**
     * A trained network seen as a denoiser, with an optional condition (null for none): a {@link NetworkDenoiser},
     * or a {@link LearnedVarianceDenoiser} when the network also outputs its variance.
     */
    static Denoiser of(Network network, Parametrization parametrization, ReverseVariance variance, NDArray condition) {
        return variance.learned() ? new LearnedVarianceDenoiser(network, parametrization, condition)
                : new NetworkDenoiser(network, parametrization, condition);
    }
}
