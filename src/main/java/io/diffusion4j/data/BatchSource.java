package io.diffusion4j.data;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;

/** Supplies training batches; the noise source is the step's own stream, so batch k is the same on resume. */
@FunctionalInterface
public interface BatchSource {

    Batch next(NDManager manager, int batchSize, NoiseSource noise);
}
