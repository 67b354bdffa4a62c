package io.diffusion4j.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Fixed 2-D filters over the last two axes of any array (…, H, W): every plane (each image of each channel) is
 * filtered alike, in differentiable NDArray operations. Used by the blur operator and by SSIM.
 */
public final class Filters {
    private Filters() {
    }

    /** A normalised k×k Gaussian kernel of standard deviation σ pixels, row-major (outer product of 1-D kernels). */
    public static double[] gaussianKernel(int size, double sigma) {
        int r = size / 2;
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++) {
            g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
            sum += g[i];
        }
        double[] k = new double[size * size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                k[i * size + j] = g[i] * g[j] / (sum * sum);
            }
        }
        return k;
    }

    /**
     * Cross-correlation of every H×W plane of x with the k×k kernel, zero-padded by {@code padding} on each side
     * (k/2 keeps the size, 0 is the "valid" part). The result lands in x's manager, in x's dtype.
     */
    public static NDArray filterPlanes(NDArray x, double[] kernel, int size, int padding) {
        Shape s = x.getShape();
        int n = s.dimension();
        if (n < 2 || kernel.length != size * size) {
            throw new IllegalArgumentException("filterPlanes needs (…, H, W) input and a " + size + "×" + size + " kernel");
        }
        long h = s.get(n - 2);
        long w = s.get(n - 1);
        NDArray weight = x.getManager().create(kernel, new Shape(1, 1, size, size));
        if (weight.getDataType() != x.getDataType()) {
            weight = weight.toType(x.getDataType(), false);
        }
        NDArray out = Conv2d.conv2d(x.reshape(s.size() / (h * w), 1, h, w), weight, null, new Shape(1, 1),
                new Shape(padding, padding), new Shape(1, 1), 1).singletonOrThrow();
        long[] dims = s.getShape().clone();
        dims[n - 2] = out.getShape().get(2);
        dims[n - 1] = out.getShape().get(3);
        return out.reshape(new Shape(dims));
    }
}
