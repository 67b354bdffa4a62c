package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PriorGrad (Lee et al. 2022) as whitening: the prior's moments and the bound in data units. */
class PriorGradTest {
    private static final double[] MU = {2, -1};
    private static final double[] SD = {2, 0.7}; // Σ_j log σ_j = log 1.4 ≠ 0, so the Jacobian shows
    private static final GaussianMixture DATA = GaussianMixture.gaussian(MU, new double[][] {{4, 0}, {0, 0.49}});
    /**
     * Diagonal Gaussian data whitened is N(0, I), for which the fixed-large reverse process is exact: the bound equals
     * the true NLL at T = 10 (closed form: to rounding; estimate: within its error), where the standard prior leaves
     * a gap.
     */
    @Test
    void whiteningDiagonalGaussianDataMakesTheBoundTight() {
        Schedule s = Schedule.cosine(10, 0.008, 0.999);
        PriorGrad exact = new PriorGrad("priorgrad", new Normalization(MU, SD));
        PriorGrad standard = PriorGrad.standard(2);
        GaussianElbo white = new GaussianElbo(new double[2], new double[][] {{1, 0}, {0, 1}});
        GaussianElbo raw = new GaussianElbo(MU, new double[][] {{4, 0}, {0, 0.49}});
        double[] ab = GaussianElbo.alphaBars(s);
        assertEquals(white.entropy(), white.expectedBound(ab, 1), 1e-9, "closed form: no gap after whitening");
        double rawGap = raw.expectedBound(ab, 1) - raw.entropy();
        assertTrue(rawGap > 0.05, "closed form: the standard prior leaves a gap, " + rawGap);
        int n = 1000;
        Points x = DATA.sample(n, new NoiseSource(1));
        for (PriorGrad prior : new PriorGrad[] {exact, standard}) {
            try (NDManager m = Engines.newManager()) {
                Elbo elbo = new Elbo(new VariationalTerms(TimeGrid.full(s), Decoder.GAUSSIAN, ReverseVariance.FIXED_LARGE));
                MixtureOracle oracle = new MixtureOracle(prior.whiten(DATA));
                double[] bound = elbo.allSteps(oracle, prior.whiten(x).toNDArray(m), new NoiseSource(2)).total();
                BoundEstimate est = prior.inDataUnits(BoundEstimate.of(bound, 2, "elbo", "all-t", "gaussian"));
                double[] gap = new double[n];
                double trueNll = 0;
                for (int i = 0; i < n; i++) {
                    trueNll -= DATA.logDensity(x.row(i)) / n;
                }
                for (int i = 0; i < n; i++) {
                    gap[i] = bound[i] + DATA.logDensity(x.row(i));
                }
                BoundEstimate g = prior.inDataUnits(BoundEstimate.of(gap, 2, "elbo", "all-t", "gaussian"));
                double want = prior == exact ? 0 : rawGap;
                // the paired gap is unbiased for the closed-form gap: 4 standard errors (in nats per sample)
                double se = 2 * g.stderr() * Math.log(2);
                assertEquals(want, 2 * g.natsPerDim(), 4 * se, prior.id() + " gap");
                // in data units the bound sits above the sample's true NLL by that gap
                assertEquals(trueNll + want, 2 * est.natsPerDim(), 4 * se + 1e-9, prior.id() + " bound in data units");
            }
        }
    }

    @Test
    void thePriorHasTheDataMeanAndSpread() {
        Points data = DATA.sample(5000, new NoiseSource(3));
        PriorGrad pg = PriorGrad.fit(data);
        int n = 20000;
        try (NDManager m = Engines.newManager()) {
            Points z = pg.samplePrior(m, n, new NoiseSource(4));
            for (int j = 0; j < 2; j++) {
                double mean = 0;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    mean += z.get(i, j) / n;
                }
                for (int i = 0; i < n; i++) {
                    sq += (z.get(i, j) - mean) * (z.get(i, j) - mean) / (n - 1);
                }
                // fitted from 5000 points (σ/√5000) and drawn n times (σ/√n): 4 combined standard errors
                double se = SD[j] * Math.sqrt(1.0 / 5000 + 1.0 / n);
                assertEquals(MU[j], mean, 4 * se, "prior mean " + j);
                assertEquals(SD[j], Math.sqrt(sq), 4 * se / Math.sqrt(2) * 1.5, "prior sd " + j);
            }
        }
        assertEquals("standard", PriorGrad.parse("standard", data).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PriorGrad.parse("gamma", data));
        assertTrue(e.getMessage().contains("--prior"));
    }
}
