package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tapped delay line against its formulas: power profile, linear and circular convolution, Cov(y | x). */
class TappedDelayLineTest {
    private static NDManager manager;
    private static final float[] X = {1f, -0.5f, 0.3f, 0.8f, -1.2f, 0.4f, 0.7f, -0.9f}; // 4 complex symbols

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void powerProfileIsExponentialAndSumsToOne() {
        for (TapProfile p : new TapProfile[] {new TapProfile(1, 1), new TapProfile(2, 0.5), new TapProfile(4, 3), TapProfile.DEFAULT}) {
            double[] w = p.powers();
            assertEquals(p.taps(), w.length);
            assertEquals(1, java.util.Arrays.stream(w).sum(), 1e-12, p.toString());
            for (int l = 1; l < w.length; l++) {
                assertEquals(Math.exp(-1 / p.decay()), w[l] / w[l - 1], 1e-12, "p_{l+1}/p_l = e^{-1/τ}");
            }
        }
        assertArrayEquals(new double[] {0.5065, 0.3072, 0.1863}, TapProfile.DEFAULT.powers(), 1e-4);
    }

    @Test
    void badProfilesAndBlocksAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TapProfile(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TapProfile(2, 0));
        assertThrows(IllegalArgumentException.class, () -> new TapProfile(5, 1).requireFits(8), "delay spread longer than 4 symbols");
        assertThrows(IllegalArgumentException.class, () -> new TapProfile(2, 1).requireFits(7), "odd n");
        new TapProfile(4, 1).requireFits(8);
    }

    /** r_k = Σ_l h_l·s_{k−l} in complex arithmetic, directly (linear: zero before the block; cyclic: index mod N). */
    private static double[] reference(float[] x, double[] gains, boolean cyclic) {
        int symbols = x.length / 2;
        double[] r = new double[x.length];
        for (int k = 0; k < symbols; k++) {
            for (int l = 0; l < gains.length / 2; l++) {
                int m = k - l;
                if (m < 0 && !cyclic) {
                    continue;
                }
                m = Math.floorMod(m, symbols);
                double a = gains[2 * l];
                double b = gains[2 * l + 1];
                r[2 * k] += a * x[2 * m] - b * x[2 * m + 1];
                r[2 * k + 1] += a * x[2 * m + 1] + b * x[2 * m];
            }
        }
        return r;
    }

    @Test
    void convolutionMatchesTheComplexSumWithAndWithoutPrefix() {
        double[] gains = {0.9, -0.2, 0.35, 0.6, -0.4, 0.15};
        for (boolean cp : new boolean[] {false, true}) {
            TappedDelayLine ch = new TappedDelayLine(0, new TapProfile(3, 1), cp);
            float[] r = ch.convolve(manager.create(X, new Shape(1, 8)), manager.create(toFloat(gains), new Shape(1, 6))).toFloatArray();
            double[] expected = reference(X, gains, cp);
            for (int i = 0; i < 8; i++) {
                assertEquals(expected[i], r[i], 1e-5, (cp ? "cyclic" : "linear") + " component " + i);
            }
        }
    }

    @Test
    void cyclicPrefixMakesTheConvolutionCircular() {
        // a circular convolution commutes with a cyclic delay of the block; the truncated linear one does not
        float[] shifted = new float[8];
        for (int i = 0; i < 8; i++) {
            shifted[(i + 2) % 8] = X[i]; // delay by one complex symbol
        }
        NDArray xs = manager.create(new float[][] {X, shifted});
        for (boolean cp : new boolean[] {true, false}) {
            // both rows through the same taps
            NDArray g = new NoiseSource(11).normal(manager, new Shape(1, 6)).repeat(0, 2);
            float[] r = new TappedDelayLine(0, TapProfile.DEFAULT, cp).convolve(xs, g).toFloatArray();
            double worst = 0;
            for (int i = 0; i < 8; i++) {
                worst = Math.max(worst, Math.abs(r[8 + (i + 2) % 8] - r[i]));
            }
            if (cp) {
                assertEquals(0, worst, 1e-5, "cyclic delay in, cyclic delay out");
            } else {
                assertTrue(worst > 0.05, "without a prefix the block edge breaks the symmetry: " + worst);
            }
        }
    }

    @Test
    void outputCovarianceGivenXIsTheClosedForm() {
        int draws = 100_000;
        double sigma = 0.3;
        TapProfile profile = new TapProfile(3, 1.5);
        double[] p = profile.powers();
        for (boolean cp : new boolean[] {false, true}) {
            NDArray x = manager.create(X, new Shape(1, 8)).repeat(0, draws);
            Points y = Points.of(new TappedDelayLine(sigma, profile, cp).transmit(x, new NoiseSource(cp ? 21 : 22)));
            // closed form Σ_l (p_l/2)(u_l u_lᵀ + v_l v_lᵀ) + σ²I, u_l = S_l x, v_l = S_l J x (from the complex sum with unit taps)
            double[][] c = new double[8][8];
            for (int l = 0; l < 3; l++) {
                double[] gu = new double[6];
                double[] gv = new double[6];
                gu[2 * l] = 1;       // h_l = 1 gives S_l x
                gv[2 * l + 1] = 1;   // h_l = i gives S_l J x
                double[] u = reference(X, gu, cp);
                double[] v = reference(X, gv, cp);
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        c[i][j] += p[l] / 2 * (u[i] * u[j] + v[i] * v[j]);
                    }
                }
            }
            for (int i = 0; i < 8; i++) {
                c[i][i] += sigma * sigma;
                int k = i / 2;
                double diag = sigma * sigma;
                for (int l = 0; l <= 2; l++) { // the diagonal's own form Σ_l (p_l/2)|s_{k−l}|² + σ²
                    int m = cp ? Math.floorMod(k - l, 4) : k - l;
                    diag += m < 0 ? 0 : p[l] / 2 * ((double) X[2 * m] * X[2 * m] + (double) X[2 * m + 1] * X[2 * m + 1]);
                }
                assertEquals(diag, c[i][i], 1e-12);
            }
            assertCovariance(c, new double[8], y, cp ? "tdl-cp" : "tdl");
        }
    }

    /**
     * Sample mean and covariance of y against the expected ones: each entry within 5 standard errors, the SE
     * estimated from the sample itself (sd of the centred products / √N; sd of y_i / √N for the mean).
     */
    static void assertCovariance(double[][] expected, double[] mean, Points y, String what) {
        int n = y.d();
        int count = y.n();
        double[] mu = new double[n];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < n; j++) {
                mu[j] += y.get(i, j) / count;
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < count; i++) {
                    double t = (y.get(i, a) - mu[a]) * (y.get(i, b) - mu[b]);
                    s += t;
                    s2 += t * t;
                }
                double m = s / count;
                double se = Math.sqrt(Math.max(s2 / count - m * m, 0) / count);
                assertEquals(expected[a][b], m, 5 * se + 1e-9, what + " Cov[" + a + "][" + b + "]");
            }
            double var = 0;
            for (int i = 0; i < count; i++) {
                var += Math.pow(y.get(i, a) - mu[a], 2) / count;
            }
            assertEquals(mean[a], mu[a], 5 * Math.sqrt(var / count) + 1e-9, what + " mean[" + a + "]");
        }
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
