package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.ode.OdeObserver;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.testing.WithManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed-form checks of the SDE family: marginals against their SDEs, priors, inverses, the probability flow. */
class SdeTest extends WithManager {
    private static final List<Sde> SDES = List.of(VpSde.standard(), SubVpSde.standard(), VeSde.of(10));

    @Test
    void marginalMeanAndVarianceAreTheIntegralsOfDriftAndDiffusion() {
        // For dx = f(t)x dt + g(t) dw the mean coefficient m and variance v obey m' = f·m, v' = 2f·v + g²
        // (Särkkä & Solin 2019, eq. 5.51); integrate both (one two-component ODE state) and compare with (a_t, b_t²).
        for (Sde sde : SDES) {
            NoiseLevel start = sde.marginal(0);
            for (double t : new double[] {0.05, 0.25, 0.5, 0.75, 1}) {
                NDList y0 = new NDList(manager.create(start.alpha()), manager.create(start.sigma() * start.sigma()));
                NDList y = OdeIntegrator.dormandPrince(1e-11, 1e-13).integrate((s, st) -> new NDList(
                        st.get(0).mul(sde.f(s)),
                        st.get(1).mul(2 * sde.f(s)).add(sde.g(s) * sde.g(s))), new double[] {0, t}, y0, OdeObserver.NONE).y();
                NoiseLevel m = sde.marginal(t);
                assertEquals(m.alpha(), y.get(0).getDouble(), 1e-8 * m.alpha(), sde.id() + " mean at t=" + t);
                assertEquals(m.sigma() * m.sigma(), y.get(1).getDouble(), 1e-8 * Math.max(1, m.sigma() * m.sigma()),
                        sde.id() + " variance at t=" + t);
            }
        }
    }

    @Test
    void vpAndSubVpPriorsAreStandardNormalAtT1() {
        GaussianMixture data = normalisedGmm8();
        double[] mu = data.mean();
        double[][] c = data.covariance();
        for (Sde sde : List.of(VpSde.standard(), SubVpSde.standard())) {
            NoiseLevel l = sde.marginal(1);
            // x_1 has mean a·μ and covariance a²C + b²I; its KL to N(0, I) is tiny when a → 0, b → 1.
            double[][] s = new double[2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    s[i][j] = l.alphaBar() * c[i][j] + (i == j ? l.sigma() * l.sigma() : 0);
                }
            }
            double det = s[0][0] * s[1][1] - s[0][1] * s[1][0];
            double kl = 0.5 * (s[0][0] + s[1][1] + l.alphaBar() * (mu[0] * mu[0] + mu[1] * mu[1]) - 2 - Math.log(det));
            assertTrue(kl < 1e-4, sde.id() + ": KL(p_1 || N(0, I)) = " + kl);
            assertEquals(1, sde.priorStd());
        }
    }

    @Test
    void priorSamplesAndLogDensity() {
        for (Sde sde : SDES) {
            int n = 20_000;
            float[] v = sde.priorSample(manager, new Shape(n, 2), new NoiseSource(7)).toFloatArray();
            double sum = 0;
            double sq = 0;
            for (float x : v) {
                sum += x;
                sq += (double) x * x;
            }
            double s2 = sde.priorStd() * sde.priorStd();
            // 2n draws of N(0, s²): the mean is within 4 standard errors, the variance within 4·√(2/(2n)) relative.
            assertEquals(0, sum / v.length, 4 * sde.priorStd() / Math.sqrt(v.length), sde.id() + " prior mean");
            assertEquals(s2, sq / v.length, 4 * s2 * Math.sqrt(2.0 / v.length), sde.id() + " prior variance");

            NDArray z = manager.create(new double[] {0, 0, 1, -2}, new Shape(2, 2));
            double[] lp = sde.priorLogDensity(z).toType(DataType.FLOAT64, false).toDoubleArray();
            double norm = -Math.log(2 * Math.PI * s2);
            assertArrayEquals(new double[] {norm, norm - 2.5 / s2}, lp, 1e-9, sde.id() + " prior log-density");
        }
    }

    @Test
    void timeInvertsTheLogSnr() {
        for (Sde sde : SDES) {
            for (double t : new double[] {1e-3, 0.1, 0.5, 0.93, 1}) {
                assertEquals(t, sde.time(sde.marginal(t).logSnr()), 1e-9, sde.id() + " at t=" + t);
            }
        }
    }

    @Test
    void probabilityFlowDriftIsTheExactVelocityOfGaussianData() {
        // For data N(μ, s²I), x_t = a_t·μ + √v_t·z with v_t = a_t²s² + b_t² carries N(0, I) along the flow, so
        // dx/dt = a'·μ + v'/(2v)·(x − a·μ); a' and v' by central differences (error ~1e-10).
        double[] mu = {1, -0.5};
        double s = 0.5;
        MixtureOracle oracle = new MixtureOracle(GaussianMixture.isotropic(new double[][] {mu}, s));
        NDArray x = manager.create(new double[] {0.3, -1.2, 2.0, 0.7, -0.4, 0.1}, new Shape(3, 2));
        for (Sde sde : SDES) {
            for (double t : new double[] {0.01, 0.3, 0.8}) {
                double h = 1e-5;
                NoiseLevel l = sde.marginal(t);
                double da = (sde.marginal(t + h).alpha() - sde.marginal(t - h).alpha()) / (2 * h);
                double dv = (variance(sde.marginal(t + h), s) - variance(sde.marginal(t - h), s)) / (2 * h);
                NDArray m = manager.create(mu).mul(l.alpha());
                NDArray exact = manager.create(mu).mul(da).add(x.sub(m).mul(dv / (2 * variance(l, s))));
                ReverseSde flow = sde.reverse(oracle, true);
                NDArray drift = flow.drift(x, t);
                double err = drift.sub(exact).abs().max().getDouble();
                double scale = exact.abs().max().getDouble();
                // The core passes a_t, b_t to the parametrization as float32 scalars (PerSample.scalar): ~1e-7
                // relative, amplified by 1/b_t in the score; 1e-5 leaves room for that and catches any real slip.
                assertTrue(err < 1e-5 * Math.max(1, scale), sde.id() + " at t=" + t + ": error " + err);
                assertEquals(0, flow.diffusion(t));
                assertEquals(sde.g(t), sde.reverse(oracle, false).diffusion(t));
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new VpSde(0, 20, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new VpSde(0.1, 20, 0));
        assertThrows(IllegalArgumentException.class, () -> new SubVpSde(20, 0.1, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> new VeSde(1, 1, 1e-5));
    }

    @Test
    void veSigmaMaxCoversTheData() {
        VeSde ve = VeSde.forData(ToyData.GMM8.sample(500, new NoiseSource(3)));
        // gmm8's opposite modes are 8 apart, with std 0.5 each: the largest distance is a little above 8.
        assertTrue(ve.sigmaMax() > 8 && ve.sigmaMax() < 12, "σ_max = " + ve.sigmaMax());
    }

    private static double variance(NoiseLevel l, double s) {
        return l.alphaBar() * s * s + l.sigma() * l.sigma();
    }

    static GaussianMixture normalisedGmm8() {
        GaussianMixture g = ToyData.GMM8.mixture().orElseThrow();
        return Normalization.fit(g.sample(20_000, new NoiseSource(1))).apply(g);
    }
}
