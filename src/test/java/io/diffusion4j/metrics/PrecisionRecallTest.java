package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Improved precision and recall: an exact small case and a bimodal conditional distribution. */
class PrecisionRecallTest {

    @Test
    void smallCaseByHand() {
        // k = 1. True {0, 1, 10}: radii 1, 1, 9. Generated {0.5, 5, 20}: radii 4.5, 4.5, 15.
        // precision: 0.5 ∈ B(0, 1), 5 ∈ B(10, 9), 20 ∉ B(10, 9) → 2/3; recall: 0, 1 ∈ B(0.5, 4.5), 10 ∈ B(20, 15) → 1.
        Points truth = new Points(3, 1, new float[] {0, 1, 10});
        Points gen = new Points(3, 1, new float[] {0.5f, 5, 20});
        PrecisionRecall pr = PrecisionRecall.of(gen, truth, 1);
        assertEquals(2.0 / 3, pr.precision(), 1e-12);
        assertEquals(1.0, pr.recall(), 1e-12);
        assertEquals(pr.precision(), PrecisionRecall.of(truth, gen, 1).recall(), 1e-12, "swapping the roles swaps the two");
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecall.of(gen, truth, 3), "needs more than k points");
    }

    /** (x, y) with x ~ U(−1, 1) and y = x + s·1 + 0.05·z: s = ±1 with equal odds, or always +1 when {@code collapsed}. */
    private static Points bimodal(int count, boolean collapsed, NoiseSource noise) {
        float[] v = new float[2 * count];
        for (int i = 0; i < count; i++) {
            double x = 2 * noise.nextDouble() - 1;
            double s = collapsed || noise.nextDouble() < 0.5 ? 1 : -1;
            v[2 * i] = (float) x;
            v[2 * i + 1] = (float) (x + s + 0.05 * noise.nextGaussian());
        }
        return new Points(count, 2, v);
    }

    @Test
    void recallSeesACollapsedMode() {
        int count = 2000;
        Points truth = bimodal(count, false, new NoiseSource(1));
        PrecisionRecall covering = PrecisionRecall.of(bimodal(count, false, new NoiseSource(2)), truth);
        PrecisionRecall collapsed = PrecisionRecall.of(bimodal(count, true, new NoiseSource(3)), truth);
        assertTrue(covering.recall() > 0.95 && covering.precision() > 0.95, covering.toString());
        assertTrue(collapsed.precision() > 0.95, "the one mode it keeps is realistic: " + collapsed);
        // the collapsed sampler covers the true points of its mode as well as the covering one does (its recall r),
        // and the mode holds a binomial share of the true points: recall ≈ 0.5·r, SE √(0.25/N) = 0.011; 4 SE
        assertEquals(0.5 * covering.recall(), collapsed.recall(), 4 * Math.sqrt(0.25 / count), collapsed.toString());
    }
}
