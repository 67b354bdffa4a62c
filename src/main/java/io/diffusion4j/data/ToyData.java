package io.diffusion4j.data;

import io.diffusion4j.noise.NoiseSource;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Seeded two-dimensional toy distributions. The Gaussian ones ({@link #GMM8}, {@link #GMM25}, {@link #GAUSS}) also
 * expose their exact {@link GaussianMixture}, which drives the closed-form oracle denoiser.
 */
public enum ToyData {
    /** Two interleaved half circles (scikit-learn's make_moons) with Gaussian noise of std 0.05. */
    MOONS {
        @Override
        public Points sample(int n, NoiseSource noise) {
            float[] v = new float[2 * n];
            for (int i = 0; i < n; i++) {
                double th = Math.PI * noise.nextDouble();
                boolean upper = i % 2 == 0;
                double x = upper ? Math.cos(th) : 1 - Math.cos(th);
                double y = upper ? Math.sin(th) : 0.5 - Math.sin(th);
                v[2 * i] = (float) (x + 0.05 * noise.nextGaussian());
                v[2 * i + 1] = (float) (y + 0.05 * noise.nextGaussian());
            }
            return new Points(n, 2, v);
        }
    },
    /** The 2-D Swiss roll: radius t ∈ [1.5π, 4.5π], (t cos t, t sin t)/5 plus noise of std 0.1. */
    SWISSROLL {
        @Override
        public Points sample(int n, NoiseSource noise) {
            float[] v = new float[2 * n];
            for (int i = 0; i < n; i++) {
                double t = 1.5 * Math.PI * (1 + 2 * noise.nextDouble());
                v[2 * i] = (float) (t * Math.cos(t) / 5 + 0.1 * noise.nextGaussian());
                v[2 * i + 1] = (float) (t * Math.sin(t) / 5 + 0.1 * noise.nextGaussian());
            }
            return new Points(n, 2, v);
        }
    },
    /** A 4×4 checkerboard on [−4, 4]², uniform on the dark squares (the FFJORD toy). */
    CHECKERBOARD {
        @Override
        public Points sample(int n, NoiseSource noise) {
            float[] v = new float[2 * n];
            for (int i = 0; i < n; i++) {
                int square = noise.nextInt(0, 7);          // one of the 8 dark squares of a 4×4 board
                int row = square / 2;
                int col = 2 * (square % 2) + (row % 2);    // dark where row + col is even
                v[2 * i] = (float) (-4 + 2 * (col + noise.nextDouble()));
                v[2 * i + 1] = (float) (-4 + 2 * (row + noise.nextDouble()));
            }
            return new Points(n, 2, v);
        }
    },
    /** Eight Gaussians of std 0.5 evenly spaced on a circle of radius 4, equal weights. */
    GMM8 {
        @Override
        public Optional<GaussianMixture> mixture() {
            double[][] c = new double[8][];
            for (int k = 0; k < 8; k++) {
                double a = 2 * Math.PI * k / 8;
                c[k] = new double[] {4 * Math.cos(a), 4 * Math.sin(a)};
            }
            return Optional.of(GaussianMixture.isotropic(c, 0.5));
        }
    },
    /** Twenty-five Gaussians of std 0.3 on the grid {−4, −2, 0, 2, 4}², equal weights. */
    GMM25 {
        @Override
        public Optional<GaussianMixture> mixture() {
            double[][] c = new double[25][];
            for (int i = 0; i < 25; i++) {
                c[i] = new double[] {-4 + 2 * (i / 5), -4 + 2 * (i % 5)};
            }
            return Optional.of(GaussianMixture.isotropic(c, 0.3));
        }
    },
    /** One correlated Gaussian: mean (1, −0.5), covariance [[1, 0.6], [0.6, 0.5]]. */
    GAUSS {
        @Override
        public Optional<GaussianMixture> mixture() {
            return Optional.of(GaussianMixture.gaussian(new double[] {1, -0.5}, new double[][] {{1, 0.6}, {0.6, 0.5}}));
        }
    };

    /** n seeded draws. */
    public Points sample(int n, NoiseSource noise) {
        return mixture().orElseThrow().sample(n, noise);
    }

    /** The exact mixture, for data sets that are one. */
    public Optional<GaussianMixture> mixture() {
        return Optional.empty();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The data set of that name, or empty. */
    public static Optional<ToyData> find(String name) {
        return Arrays.stream(values()).filter(t -> t.id().equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String names() {
        return String.join("|", Arrays.stream(values()).map(ToyData::id).toList());
    }
}
