package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;

/**
 * A perceptual proxy in the spirit of LPIPS (Zhang et al. 2018, Eq. 1, with one layer and unit weights): the
 * Euclidean distance ‖φ(x_i) − φ(x'_i)‖₂ between the features of paired images, here the penultimate-layer
 * features of a trained classifier (for Fashion-MNIST the FID-FMNIST network). Zero for identical images; lower is
 * better; comparable only under the same feature network.
 */
public final class FeatureDistance {
    private FeatureDistance() {
    }

    /** Distance per pair: row i of {@code features} against row i of {@code reference}. */
    public static double[] perImage(Points features, Points reference) {
        if (features.n() != reference.n() || features.d() != reference.d()) {
            throw new IllegalArgumentException("feature distance compares paired features of one size, got "
                    + features.n() + "×" + features.d() + " and " + reference.n() + "×" + reference.d());
        }
        double[] out = new double[features.n()];
        float[] a = features.values();
        float[] b = reference.values();
        int d = features.d();
        for (int i = 0; i < out.length; i++) {
            double s = 0;
            for (int j = i * d; j < (i + 1) * d; j++) {
                double e = (double) a[j] - b[j];
                s += e * e;
            }
            out[i] = Math.sqrt(s);
        }
        return out;
    }

    /** The mean distance over the pairs. */
    public static double mean(Points features, Points reference) {
        return java.util.Arrays.stream(perImage(features, reference)).average().orElse(Double.NaN);
    }
}
