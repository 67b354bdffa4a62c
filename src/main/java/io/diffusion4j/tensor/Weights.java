package io.diffusion4j.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes host values into existing weight arrays by a native copy. DJL's {@code NDArray.set(float[])} on the PyTorch
 * engine instead re-points the tensor's storage at a Java direct buffer; a weight updated in place for thousands of
 * steps must own native memory, so every weight write in the toolkit goes through here.
 */
public final class Weights {
    private Weights() {
    }

    /** target ← values (same number of elements), keeping target's storage, shape and gradient flag. */
    public static void copyInto(NDArray target, float[] values) {
        if (values.length != target.getShape().size()) {
            throw new IllegalArgumentException("expected " + target.getShape().size() + " values, got " + values.length);
        }
        try (NDArray src = target.getManager().create(values, target.getShape());
             NDArray view = target.stopGradient()) {
            view.set(new NDIndex("..."), src);
        }
    }
}
