package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Feeds the wrapped denoiser (a network trained in continuous time) the time scale·t instead of t, as score_sde
 * feeds its DDPM-style networks 999·t: sinusoidal time embeddings need times of order 10²–10³ to resolve t ∈ [0, 1].
 * The prediction is returned at the caller's level.
 */
public record ScaledTimeDenoiser(Denoiser inner, double scale) implements Denoiser {

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        Prediction p = inner.predict(x, new NoiseLevel(level.alpha(), level.sigma(), scale * level.time()));
        return new Prediction(x, p.x0(), p.eps(), level);
    }
}
