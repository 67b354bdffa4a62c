package io.diffusion4j.inverse;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The closed-form reference posterior against independent textbook formulas. */
class GaussianPosteriorTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void noiselessMaskGivesTheSchurComplementConditional() {
        GaussianMixture prior = GaussianProblem.prior();
        Mask box = Mask.box(4, 4, 1, 1, 2, 2);
        double[][] a = GaussianPosterior.matrix(box, GaussianProblem.IMAGE, manager);
        double[] y = new double[16];
        for (int i = 0; i < 16; i++) {
            y[i] = box.keep()[i] * Math.cos(i); // zero on the missing pixels, as the mask's measurements are
        }
        GaussianMixture post = GaussianPosterior.posterior(prior, a, 0.0, y);
        double[] keep = box.keep();
        int[] o = indices(keep, 1);
        int[] u = indices(keep, 0);
        double[][] s = prior.covariance();
        double[] mu = prior.mean();
        double[][] soo = Linear.inverse(sub(s, o, o));
        double[] r = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            r[i] = y[o[i]] - mu[o[i]];
        }
        double[][] gain = Matrices.mul(sub(s, u, o), soo);
        double[][] condCov = Matrices.mul(gain, sub(s, o, u));
        double[] pm = post.mean();
        double[][] pc = post.covariance();
        for (int i = 0; i < u.length; i++) {
            double m = mu[u[i]];
            for (int j = 0; j < o.length; j++) {
                m += gain[i][j] * r[j];
            }
            assertEquals(m, pm[u[i]], 1e-9);
            for (int j = 0; j < u.length; j++) {
                assertEquals(s[u[i]][u[j]] - condCov[i][j], pc[u[i]][u[j]], 1e-9);
            }
        }
        for (int i : o) {
            assertEquals(y[i], pm[i], 1e-9);
            assertEquals(0, pc[i][i], 1e-9);
        }
    }

    @Test
    void noisyBlurSatisfiesThePrecisionForm() {
        GaussianMixture prior = GaussianProblem.prior();
        double sy = 0.2;
        double[][] a = GaussianPosterior.matrix(new GaussianBlur(3, 1.0), GaussianProblem.IMAGE, manager);
        double[] y = new double[16];
        for (int i = 0; i < 16; i++) {
            y[i] = Math.sin(3 * i);
        }
        GaussianMixture post = GaussianPosterior.posterior(prior, a, sy, y);
        // Σ_post⁻¹ = Σ⁻¹ + AᵀA/σ², Σ_post⁻¹·μ_post = Σ⁻¹μ + Aᵀy/σ² (Bishop 2006, eqs. 2.116–2.117)
        double[][] precision = Linear.inverse(prior.covariance());
        double[][] ata = Matrices.mul(Matrices.transpose(a), a);
        double[] rhs = Matrices.mulVec(precision, prior.mean());
        double[] aty = Matrices.mulVec(Matrices.transpose(a), y);
        for (int i = 0; i < 16; i++) {
            rhs[i] += aty[i] / (sy * sy);
            for (int j = 0; j < 16; j++) {
                precision[i][j] += ata[i][j] / (sy * sy);
            }
        }
        double[][] identity = Matrices.mul(post.covariance(), precision);
        double[] mean = Matrices.mulVec(Linear.inverse(precision), rhs);
        for (int i = 0; i < 16; i++) {
            assertEquals(mean[i], post.mean()[i], 1e-8);
            for (int j = 0; j < 16; j++) {
                assertEquals(i == j ? 1 : 0, identity[i][j], 1e-8);
            }
        }
    }

    @Test
    void mixturePriorReweightsComponentsByTheEvidence() {
        // Two isotropic components, A = I, σ_y: component k's evidence is N(y; μ_k, (s² + σ_y²)I).
        double s = 0.5;
        double sy = 0.4;
        GaussianMixture prior = GaussianMixture.isotropic(new double[][] {{-1, 0}, {1, 0.5}}, s);
        double[] y = {0.3, 0.1};
        double[][] a = {{1, 0}, {0, 1}};
        GaussianMixture post = GaussianPosterior.posterior(prior, a, sy, y);
        double v = s * s + sy * sy;
        double l0 = Math.exp(-(1.3 * 1.3 + 0.1 * 0.1) / (2 * v));
        double l1 = Math.exp(-(0.7 * 0.7 + 0.4 * 0.4) / (2 * v));
        assertEquals(l0 / (l0 + l1), post.components().get(0).weight(), 1e-12);
        double shrink = s * s / v; // each component's mean moves by Σ(Σ + σ²I)⁻¹(y − μ)
        assertEquals(-1 + shrink * 1.3, post.components().get(0).mean()[0], 1e-12);
        assertEquals(s * s * sy * sy / v, post.components().get(1).eigenvalues()[0], 1e-12);
    }

    private static int[] indices(double[] keep, double value) {
        return java.util.stream.IntStream.range(0, keep.length).filter(i -> keep[i] == value).toArray();
    }

    private static double[][] sub(double[][] m, int[] rows, int[] cols) {
        double[][] r = new double[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                r[i][j] = m[rows[i]][cols[j]];
            }
        }
        return r;
    }
}
