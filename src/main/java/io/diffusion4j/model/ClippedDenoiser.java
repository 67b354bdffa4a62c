package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Clips x̂₀ to [lo, hi] and makes ε̂ consistent with it (the "clip_denoised" of Ho et al.'s sampler), as a decorator so
 * every sampler gets it. With ε-prediction at levels where √ᾱ is tiny (cosine, t near T) this keeps the network's
 * error from being amplified by 1/√ᾱ into an exploding x̂₀.
 */
public record ClippedDenoiser(Denoiser inner, double lo, double hi) implements Denoiser {

    public ClippedDenoiser {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("clip range must have lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        return inner.predict(x, level).clipX0(lo, hi);
    }
}
