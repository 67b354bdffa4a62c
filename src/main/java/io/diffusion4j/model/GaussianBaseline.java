package io.diffusion4j.model;

import io.diffusion4j.data.Points;
import io.diffusion4j.linalg.SymmetricEigen;
import io.diffusion4j.metrics.Moments;
import io.diffusion4j.noise.NoiseSource;

/**
 * The "Gaussian model" baseline of the course notes: fit the data's mean μ and covariance Σ = E Λ Eᵀ and sample
 * μ + E Λ^{1/2} z. Every comparison table shows it, so a diffusion model's numbers have a trivial reference.
 */
public record GaussianBaseline(double[] mean, double[][] covariance) {

    public static GaussianBaseline fit(Points data) {
        return new GaussianBaseline(Moments.mean(data), Moments.covariance(data));
    }

    public Points sample(int n, NoiseSource noise) {
        int d = mean.length;
        SymmetricEigen e = new SymmetricEigen(covariance);
        double[] lam = e.values();
        double[][] q = e.vectors();
        float[] out = new float[n * d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[j] = noise.nextGaussian() * Math.sqrt(Math.max(0, lam[j]));
            }
            for (int r = 0; r < d; r++) {
                double v = mean[r];
                for (int j = 0; j < d; j++) {
                    v += q[r][j] * z[j];
                }
                out[i * d + r] = (float) v;
            }
        }
        return new Points(n, d, out);
    }
}
