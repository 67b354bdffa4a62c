package io.diffusion4j.io;

import java.util.Arrays;

/** A named-free float32 tensor in host memory: the exchange type of the file formats. */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }
}
