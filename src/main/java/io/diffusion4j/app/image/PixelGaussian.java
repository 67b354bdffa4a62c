package io.diffusion4j.app.image;

import io.diffusion4j.data.Points;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.linalg.Cholesky;
import io.diffusion4j.metrics.Moments;
import io.diffusion4j.noise.NoiseSource;

import java.util.List;

/**
 * The {@code gaussian} baseline for images: fit the mean μ and covariance Σ of the training pixels and sample
 * μ + L·z, z ~ N(0, I), with L the Cholesky factor of Σ + 10⁻⁴·I (the jitter covers constant border pixels), clipped
 * to [−1, 1]. Every FID report shows its FID, so a diffusion model's number has a trivial reference.
 */
public final class PixelGaussian {
    private static final double JITTER = 1e-4;

    private final ImageSet like;
    private final double[] mean;
    private final Cholesky factor;

    private PixelGaussian(ImageSet like, double[] mean, Cholesky factor) {
        this.like = like;
        this.mean = mean;
        this.factor = factor;
    }

    public static PixelGaussian fit(ImageSet images) {
        Points p = new Points(images.n(), images.imageSize(), images.pixels());
        return new PixelGaussian(images, Moments.mean(p), new Cholesky(Moments.covariance(p), JITTER));
    }

    /** n images from the fitted Gaussian, unlabelled. */
    public ImageSet sample(int n, NoiseSource noise) {
        int d = mean.length;
        float[] px = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = noise.nextGaussian();
            }
            double[] v = factor.multiply(z);
            for (int j = 0; j < d; j++) {
                px[i * d + j] = (float) Math.max(-1, Math.min(1, mean[j] + v[j]));
            }
        }
        return new ImageSet(n, like.channels(), like.height(), like.width(), px, null, List.of());
    }
}
