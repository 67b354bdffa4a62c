package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;

/**
 * Sinusoidal embedding of the (possibly fractional) time fed to a network: [sin(t·ω_k), cos(t·ω_k)] with
 * ω_k = maxPeriod^(−k/half) (Vaswani et al. 2017, §3.5, as used by Ho et al. 2020's networks).
 */
public final class TimeEmbedding {
    private TimeEmbedding() {
    }

    /** time of shape (B) → (B, dim); dim must be even. */
    public static NDArray sinusoidal(NDArray time, int dim, double maxPeriod) {
        if (dim % 2 != 0) {
            throw new IllegalArgumentException("time embedding dimension must be even, got " + dim);
        }
        int half = dim / 2;
        float[] freqs = new float[half];
        for (int k = 0; k < half; k++) {
            freqs[k] = (float) Math.exp(-Math.log(maxPeriod) * k / half);
        }
        NDManager m = time.getManager();
        NDArray args = time.reshape(-1, 1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).mul(m.create(freqs).reshape(1, half));
        return NDArrays.concat(new ai.djl.ndarray.NDList(args.sin(), args.cos()), 1);
    }
}
