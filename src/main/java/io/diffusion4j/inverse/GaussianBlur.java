package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

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
        int r = kernelSize / 2;
        double[] g = new double[kernelSize];
        double sum = 0;
        for (int i = 0; i < kernelSize; i++) {
            g[i] = Math.exp(-(i - r) * (i - r) / (2 * sigma * sigma));
            sum += g[i];
        }
        double[] k = new double[kernelSize * kernelSize];
        for (int i = 0; i < kernelSize; i++) {
            for (int j = 0; j < kernelSize; j++) {
                k[i * kernelSize + j] = g[i] * g[j] / (sum * sum);
            }
        }
        return k;
    }

    @Override
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        int h = Planes.height(s);
        int w = Planes.width(s);
        NDArray planes = x.reshape(s.size() / ((long) h * w), 1, h, w);
        NDArray weight = Planes.constant(kernel(), new Shape(1, 1, kernelSize, kernelSize), x);
        int r = kernelSize / 2;
        NDArray out = Conv2d.conv2d(planes, weight, null, new Shape(1, 1), new Shape(r, r), new Shape(1, 1), 1)
                .singletonOrThrow();
        return out.reshape(s);
    }

    @Override
    public NDArray adjoint(NDArray y) {
        return apply(y);
    }

    @Override
    public NDArray naiveInverse(NDArray y) {
        return y;
    }

    @Override
    public Shape measurementShape(Shape imageShape) {
        Planes.checkImage(imageShape);
        return imageShape;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "blur(k=%d, σ=%.2g)", kernelSize, sigma);
    }
}
