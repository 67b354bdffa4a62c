package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mode coverage of known channels standing in for models: the true channel itself, and one with half the noise std. */
class ModeCoverageTest {

    @Test
    void varianceRatioAndRecallOfExactAndNarrowModels() {
        int conditions = 20;
        int draws = 100;
        int n = 4;
        try (NDManager m = Engines.newManager()) {
            Points x = ChannelData.gaussianInputs(conditions, n, new NoiseSource(1));
            Channel truth = new AwgnChannel(0.5);
            ModeCoverage exact = ModeCoverage.measure(truth, truth, x, draws, m, new NoiseSource(2));
            ModeCoverage narrow = ModeCoverage.measure(new AwgnChannel(0.25), truth, x, draws, m, new NoiseSource(3));
            // each tr Cov estimate has relative variance 2/(n(K−1)); a ratio of two, twice that; the mean over C
            // conditions: relative SE √(4/(n(K−1)C)) = 0.022; 5 SE
            double se = Math.sqrt(4.0 / (n * (draws - 1) * conditions));
            assertEquals(1, exact.varianceRatio(), 5 * se, exact.line());
            assertEquals(0.25, narrow.varianceRatio(), 0.25 * 5 * se, narrow.line());
            assertTrue(narrow.varianceRatioMax() < 0.5 && exact.varianceRatioMin() > 0.5, narrow.line() + " / " + exact.line());
            // the true channel as its own model scores its floor (both are two independent true draws): two recalls
            // over N = C·K = 2000 points, each with binomial SE ≤ √(0.25/N); 4 SE of their difference
            assertEquals(exact.recallFloor(), exact.recall(), 4 * Math.sqrt(2 * 0.25 / (conditions * draws)), exact.line());
            assertTrue(narrow.recall() < exact.recall() - 0.2 && narrow.precision() > 0.9, narrow.line());
        }
    }
}
