package io.diffusion4j.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The one broadcasting helper of the core: turns per-sample scalars into an array that multiplies a batch of any
 * rank (2-D points, channel vectors, images alike). No other code assumes a number of dimensions.
 */
public final class PerSample {
    private PerSample() {
    }

    /** values (length B) as shape (B, 1, …, 1) matching the rank of {@code like}, in like's manager and dtype. */
    public static NDArray of(double[] values, NDArray like) {
        return expand(owned(like.getManager().create(values), like.getDataType()), like);
    }

    /** A (B) array reshaped to (B, 1, …, 1) to broadcast against {@code like}. */
    public static NDArray expand(NDArray perSample, NDArray like) {
        long[] dims = new long[like.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = perSample.getShape().get(0);
        return perSample.reshape(new Shape(dims)).toType(like.getDataType(), false);
    }

    /**
     * One scalar for the whole batch, as a 0-d array in like's manager and dtype. Use it instead of DJL's
     * {@code op(Number)} wherever autograd keeps the factor (mul, div, pow of a differentiable array).
     */
    public static NDArray scalar(double value, NDArray like) {
        return owned(like.getManager().create(value), like.getDataType());
    }

    /**
     * The values of an array made from Java data, in {@code type}, in memory PyTorch owns. DJL builds such arrays on
     * a Java direct buffer that is freed once the array is closed and collected, yet autograd may keep the tensor for
     * the backward pass — as when a sampling chain, whose steps each close their arrays, is back-propagated (the
     * autoencoder trained through a diffusion channel model): the gradient then reads freed memory. A conversion or a
     * clone allocates in PyTorch.
     */
    private static NDArray owned(NDArray javaBacked, DataType type) {
        try (NDArray v = javaBacked) {
            NDArray t = v.toType(type, false);
            return t == v ? v.duplicate() : t;
        }
    }

    /** Sum over all but the batch axis, giving shape (B). */
    public static NDArray sumPerSample(NDArray x) {
        int rank = x.getShape().dimension();
        if (rank == 1) {
            return x;
        }
        int[] axes = new int[rank - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return x.sum(axes);
    }

    /**
     * Mean over all but the batch axis, giving shape (B). No Java-scalar division: autograd would keep DJL's
     * temporary scalar tensor, whose buffer is freed before the backward pass.
     */
    public static NDArray meanPerSample(NDArray x) {
        return x.getShape().dimension() == 1 ? x : x.reshape(x.getShape().get(0), -1).mean(new int[] {1});
    }
}
