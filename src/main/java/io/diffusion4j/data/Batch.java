package io.diffusion4j.data;

import ai.djl.ndarray.NDArray;

/** One training batch: clean data x₀ and an optional condition (null when unconditional). */
public record Batch(NDArray x0, NDArray condition) {
}
