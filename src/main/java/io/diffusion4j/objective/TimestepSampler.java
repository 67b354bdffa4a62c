package io.diffusion4j.objective;

import io.diffusion4j.noise.NoiseSource;

/**
 * How training draws timesteps t ∈ 1..T, as its own strategy (Nichol &amp; Dhariwal 2021, §3.3). A sampler returns the
 * draws and the per-sample weights that keep the loss estimate unbiased for the uniform objective.
 */
public interface TimestepSampler {

    /** Draws for a batch and their importance weights. */
    record Draw(int[] t, double[] weights) {
    }

    Draw draw(int batch, int T, NoiseSource noise);

    /** Per-sample losses observed for the drawn timesteps (for adaptive samplers; ignored by uniform). */
    default void observe(int[] t, double[] losses) {
    }

    /** True when {@link #observe} matters (then the objective reports per-sample losses). */
    default boolean adaptive() {
        return false;
    }

    /** t ~ Uniform{1..T}, weight 1 (Ho et al. 2020, Algorithm 1). */
    TimestepSampler UNIFORM = (batch, T, noise) -> {
        double[] w = new double[batch];
        java.util.Arrays.fill(w, 1.0);
        return new Draw(noise.ints(batch, 1, T), w);
    };
}
