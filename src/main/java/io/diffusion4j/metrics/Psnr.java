package io.diffusion4j.metrics;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;

/**
 * Peak signal-to-noise ratio per image: PSNR = 10·log₁₀(R² / MSE), with R the data range (2 for pixels in [−1, 1],
 * 1 for [0, 1]) and the MSE over every pixel and channel of one image; +∞ for identical images.
 */
public final class Psnr {
    private Psnr() {
    }

    /** PSNR in dB of each image of x against the reference batch (same shape). */
    public static double[] perImage(NDArray x, NDArray reference, double range) {
        if (!x.getShape().equals(reference.getShape())) {
            throw new IllegalArgumentException("PSNR compares images of one shape, got " + x.getShape() + " and "
                    + reference.getShape());
        }
        if (!(range > 0)) {
            throw new IllegalArgumentException("PSNR needs a positive data range, got " + range);
        }
        double[] mse = PerSample.meanPerSample(x.sub(reference).square()).toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                .toDoubleArray();
        double[] psnr = new double[mse.length];
        for (int i = 0; i < mse.length; i++) {
            psnr[i] = 10 * Math.log10(range * range / mse[i]);
        }
        return psnr;
    }

    /** The mean PSNR over the batch (of per-image dB values, as papers report it). */
    public static double mean(NDArray x, NDArray reference, double range) {
        return java.util.Arrays.stream(perImage(x, reference, range)).average().orElse(Double.NaN);
    }
}
