package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.Filters;

import java.util.Locale;

/**
 * Deblurring's measurement: convolution of every image plane with a normalised k×k Gaussian kernel of standard
 * deviation σ pixels (Chung et al. 2023, §4 use k = 61, σ = 3 on 256² images), zero-padded to keep the size. The
 * kernel is symmetric and the padding is zeros, so the adjoint is the same convolution. No closed-form pseudo-inverse:
 * the trivial baseline is the blurred image itself.
 *
 * @param kernelSize odd kernel side k ≥ 1
 * @param sigma      the Gaussian's standard deviation in pixels, &gt; 0
 */
public record GaussianBlur(int kernelSize, double sigma) implements MeasurementOperator {

    public GaussianBlur {
        if (kernelSize < 1 || kernelSize % 2 == 0) {
            throw new IllegalArgumentException("blur kernel size must be odd and ≥ 1, got " + kernelSize);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("blur σ must be > 0 pixels, got " + sigma);
        }
    }

    /** The k×k kernel, row-major, summing to one. */
    public double[] kernel() {
        return Filters.gaussianKernel(kernelSize, sigma);
    }

    @Override
    public NDArray apply(NDArray x) {
        Planes.checkImage(x.getShape());
        return Filters.filterPlanes(x, kernel(), kernelSize, kernelSize / 2);
    }

    @Override
    public NDArray adjoint(NDArray y) {
        return apply(y);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "blur(k=%d, σ=%.2g)", kernelSize, sigma);
    }
}
