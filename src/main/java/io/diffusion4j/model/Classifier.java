package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * A classifier of (possibly noisy) samples: logits of p(y | x_t) at a noise level, differentiable in x so that
 * classifier guidance can take ∇ₓ log p(y | x_t). A clean-image classifier is asked at {@link NoiseLevel#DATA}.
 */
@FunctionalInterface
public interface Classifier {

    /** Logits (B, K) for the batch x at the given level, in x's manager. */
    NDArray logits(NDArray x, NoiseLevel level);
}
