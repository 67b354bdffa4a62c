package io.diffusion4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.tensor.Filters;
import io.diffusion4j.tensor.PerSample;

/**
 * Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli 2004, eq. 13) with the paper's settings: an 11×11
 * Gaussian window of σ = 1.5 pixels, K₁ = 0.01, K₂ = 0.03, C_i = (K_i·R)² for data range R, the SSIM map over the
 * "valid" window positions only (no padding, as in the authors' ssim_index.m), averaged over positions and channels
 * into one value per image. Images must be at least 11×11; images are (B, H, W) or (B, C, H, W).
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double WINDOW_SIGMA = 1.5;
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;

    private Ssim() {
    }

    /** SSIM of each image of x against the reference batch (same shape). */
    public static double[] perImage(NDArray x, NDArray reference, double range) {
        if (!x.getShape().equals(reference.getShape()) || x.getShape().dimension() < 3) {
            throw new IllegalArgumentException("SSIM compares batches of images (B, [C,] H, W) of one shape, got "
                    + x.getShape() + " and " + reference.getShape());
        }
        int n = x.getShape().dimension();
        if (x.getShape().get(n - 1) < WINDOW || x.getShape().get(n - 2) < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "×" + WINDOW + ", got "
                    + x.getShape());
        }
        NDArray a = x.toType(DataType.FLOAT64, false);
        NDArray b = reference.toType(DataType.FLOAT64, false);
        double[] w = Filters.gaussianKernel(WINDOW, WINDOW_SIGMA);
        NDArray muA = Filters.filterPlanes(a, w, WINDOW, 0);
        NDArray muB = Filters.filterPlanes(b, w, WINDOW, 0);
        NDArray muAB = muA.mul(muB);
        NDArray muA2 = muA.square();
        NDArray muB2 = muB.square();
        NDArray varA = Filters.filterPlanes(a.square(), w, WINDOW, 0).sub(muA2);
        NDArray varB = Filters.filterPlanes(b.square(), w, WINDOW, 0).sub(muB2);
        NDArray cov = Filters.filterPlanes(a.mul(b), w, WINDOW, 0).sub(muAB);
        double c1 = (K1 * range) * (K1 * range);
        double c2 = (K2 * range) * (K2 * range);
        NDArray map = muAB.mul(2).add(c1).mul(cov.mul(2).add(c2))
                .div(muA2.add(muB2).add(c1).mul(varA.add(varB).add(c2)));
        return PerSample.meanPerSample(map).toDoubleArray();
    }

    /** The mean SSIM over the batch. */
    public static double mean(NDArray x, NDArray reference, double range) {
        return java.util.Arrays.stream(perImage(x, reference, range)).average().orElse(Double.NaN);
    }
}
