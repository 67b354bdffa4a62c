package io.diffusion4j.sampler;

import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;

/**
 * A sampling algorithm as a stateless strategy: given a denoiser, a time grid, the initial state x at the grid's
 * first level and a noise source, return the state at the grid's last level. One instance may serve many threads;
 * anything a multistep method remembers is a local variable of {@link #sample}.
 *
 * <p>The returned array lives in xT's manager; intermediate arrays are freed step by step.
 */
public interface Sampler {

    NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener);

    /** Number of network evaluations {@link #sample} makes on this grid. */
    int nfe(TimeGrid grid);

    /** A short name for reports, e.g. "ddim(eta=0)". */
    String name();
}
