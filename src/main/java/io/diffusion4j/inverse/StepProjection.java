package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * A measurement-consistency step applied to the sampler's state after each reverse step (replacement, ILVR): given
 * x at {@code level}, return x with its measured part made to agree with the measurement noised to that level.
 * {@link ProjectedSampler} runs any single-step sampler with one; {@link RePaint} uses one between its resampling jumps.
 */
@FunctionalInterface
public interface StepProjection {

    /** x at {@code level}, corrected; arrays go to x's manager. */
    NDArray project(NDArray x, NoiseLevel level, NoiseSource noise);
}
