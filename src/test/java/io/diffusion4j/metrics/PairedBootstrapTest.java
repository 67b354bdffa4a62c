package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PairedBootstrapTest {

    /**
     * For the sample mean of n = 400 standard normals the standard error is 1/√n = 0.05; for the mean difference of
     * a paired copy with independent N(0, 0.1²) perturbations it is 0.1/√n = 0.005, ten times smaller than either
     * set's. Tolerance 15 %: B = 1000 replicates give the bootstrap SD a relative error of about 1/√(2B) = 2.2 %,
     * the sample's own SD deviates from σ by about 1/√(2n) = 3.5 %, so 15 % is over 3.5 combined standard deviations.
     */
    @Test
    void standardErrorsOfAMeanAndOfAPairedDifference() {
        int n = 400;
        NoiseSource noise = new NoiseSource(11);
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) noise.nextGaussian();
            b[i] = a[i] + (float) (0.1 * noise.nextGaussian());
        }
        PairedBootstrap boot = PairedBootstrap.of(List.of(new Points(n, 1, a), new Points(n, 1, b)), PairedBootstrapTest::mean,
                1000, new NoiseSource(12));
        assertEquals(1 / Math.sqrt(n), boot.standardError(0), 0.15 / Math.sqrt(n));
        assertEquals(1 / Math.sqrt(n), boot.standardError(1), 0.15 / Math.sqrt(n));
        assertEquals(0.1 / Math.sqrt(n), boot.differenceStandardError(1, 0), 0.015 / Math.sqrt(n));
    }

    @Test
    void setsMustBePaired() {
        assertThrows(IllegalArgumentException.class, () -> PairedBootstrap.of(
                List.of(new Points(3, 1, new float[3]), new Points(4, 1, new float[4])), PairedBootstrapTest::mean, 10, new NoiseSource(1)));
    }

    private static double mean(Points p) {
        double s = 0;
        for (float v : p.values()) {
            s += v;
        }
        return s / p.n();
    }
}
