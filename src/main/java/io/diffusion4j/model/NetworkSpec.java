package io.diffusion4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The configuration of a denoising network as data (stored in a run's config.json). A network block takes
 * NDList(x, time (B)[, condition]) and returns NDList(output) of the parametrization's shape.
 */
public interface NetworkSpec {

    /** The type name stored in config.json ("mlp", "unet", …). */
    String type();

    /** A fresh, uninitialised block. */
    Block newBlock();

    /** Input shapes for initialisation with a batch of {@code batch}. */
    Shape[] inputShapes(int batch);

    /** The shape of n samples. */
    Shape sampleShape(int n);

    /**
     * The smallest batch chunk worth a thread of its own at inference, or 0 to keep every forward pass whole.
     * Networks with enough work per sample (convolutional ones) split their batch across threads; small MLPs,
     * whose ops are too short to repay the hand-off, keep it whole.
     */
    default int parallelChunk() {
        return 0;
    }
}
