package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

/**
 * The Langevin corrector of Song et al. 2021 (Algorithm 4 in Appendix G; Algorithms 2–3): M steps of
 * x ← x + δ·s + √(2δ)·z at a fixed level, with the step set by the signal-to-noise ratio r:
 * δ = 2·α·(r·‖z‖/‖s‖)². α is the squared signal ratio of the grid step just taken (1 − β_i for VP, 1 for VE, as in
 * the paper). As in score_sde's implementation, ‖z‖ and ‖s‖ are per-sample norms averaged over the batch: in low
 * dimension a per-sample ratio explodes wherever the score nearly vanishes (between modes, at a mode's centre).
 */
public record LangevinCorrector(double snr, int steps) {

    public LangevinCorrector {
        if (!(snr > 0) || !Double.isFinite(snr)) {
            throw new IllegalArgumentException("corrector snr must be > 0, got " + snr + "; Song et al. use 0.16");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("corrector steps must be >= 0, got " + steps);
        }
    }

    /** M corrector steps at {@code level}; M evaluations of the model. */
    public NDArray correct(Denoiser model, NDArray x, NoiseLevel level, double alpha, NoiseSource noise) {
        for (int j = 0; j < steps; j++) {
            NDArray score = model.predict(x, level).score();
            NDArray z = Langevin.noiseLike(x, noise);
            NDArray delta = norm(z).div(norm(score)).mul(snr).square().mul(2 * alpha);
            x = Langevin.step(x, score, delta, z);
        }
        return x;
    }

    /** The batch mean of the per-sample norms, as a 0-d array. */
    private static NDArray norm(NDArray v) {
        return PerSample.sumPerSample(v.square()).sqrt().mean();
    }
}
