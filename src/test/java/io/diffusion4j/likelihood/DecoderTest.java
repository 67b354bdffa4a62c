package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The discretised 8-bit Gaussian decoder (Ho et al. 2020, eq. 13) against exact properties of a probability mass. */
class DecoderTest {
    /** −log P(bin) of every one of the 256 bin centres for one mean and variance. */
    private static double[] binNll(double mean, double variance) {
        double[] centres = new double[256];
        for (int k = 0; k < 256; k++) {
            centres[k] = 2.0 * k / 255 - 1;
        }
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.create(centres);
            return Decoder.DISCRETIZED_8BIT.nll(x, m.create(mean), m.create(Math.log(variance))).toDoubleArray();
        }
    }

    @Test
    void theBinsFormAProbabilityMass() {
        double[][] cases = {{0, 0.01}, {0.7, 1e-6}, {-1.2, 0.5}, {0.999, 1e-4}, {0.3, 4}};
        for (double[] c : cases) {
            double total = 0;
            for (double nll : binNll(c[0], c[1])) {
                total += Math.exp(-nll);
            }
            // float64 CDFs (error ~1e-16 each) plus at most 256 floored bins of 1e-12
            assertEquals(1.0, total, 1e-9, "mass of N(" + c[0] + ", " + c[1] + ") over the bins");
        }
    }

    @Test
    void wideGaussiansGiveDensityTimesBinWidthAndNarrowOnesCertainty() {
        double sd = 0.3;
        double[] nll = binNll(0.1, sd * sd);
        for (int k : new int[] {60, 128, 140, 200}) {
            double x = 2.0 * k / 255 - 1;
            double z = (x - 0.1) / sd;
            double logDensity = -0.5 * z * z - Math.log(sd * Math.sqrt(2 * Math.PI));
            double h = 2.0 / 255;
            // ∫ over the bin = h·f(x)·(1 + h²/24·f''/f + O(h⁴/σ⁴)), f''/f = (z² − 1)/σ²; the O(h⁴) rest is < 1e-8
            double midpoint = Math.log(1 + h * h / 24 * (z * z - 1) / (sd * sd));
            assertEquals(-(logDensity + Math.log(h) + midpoint), nll[k], 1e-8, "bin " + k);
        }
        double centre = 2.0 * 100 / 255 - 1;
        // σ = 1e-4 is 39 standard deviations inside the bin edges: P = 1 − 2Φ(−39)
        assertEquals(0.0, binNll(centre, 1e-8)[100], 1e-12);
        // far outside the bin the probability is floored at 1e-12
        assertEquals(-Math.log(Gaussians.MIN_PROB), binNll(0.9, 0.0025)[0], 1e-9);
    }

    @Test
    void theEdgeBinsTakeTheTails() {
        // mean beyond the top edge: the top bin holds P(X ≥ 1 − 1/255) = Φ((mean − 1 + 1/255)/σ)
        double[] nll = binNll(1.1, 0.01);
        double p = 0.5 * (1 + erf((1.1 - 1 + 1.0 / 255) / 0.1 / Math.sqrt(2)));
        assertEquals(-Math.log(p), nll[255], 1e-6);
    }

    @Test
    void dataOutsideTheUnitIntervalIsRejected() {
        try (NDManager m = Engines.newManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Decoder.DISCRETIZED_8BIT.check(m.create(new float[] {0.5f, 1.5f})));
            assertEquals(true, e.getMessage().contains("[-1, 1]"));
            Decoder.GAUSSIAN.check(m.create(new float[] {0.5f, 1.5f}));
        }
    }

    /** erf by its Maclaurin series (converges quickly for |x| ≤ 2), independent of the library. */
    private static double erf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 80; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
