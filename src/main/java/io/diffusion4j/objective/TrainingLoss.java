package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;

/**
 * A scalar training loss for one batch, computed inside the trainer's gradient scope. Denoising objectives,
 * continuous-time score matching, hybrid variational losses and end-to-end application losses all implement it,
 * so they share the trainer (optimiser, EMA, checkpoints, resume, progress).
 */
@FunctionalInterface
public interface TrainingLoss {

    NDArray loss(Network net, Batch batch, NoiseSource noise);
}
