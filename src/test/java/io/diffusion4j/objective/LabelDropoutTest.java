package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelDropoutTest {

    /** The share of labels turned into the null class is p; other labels are untouched. */
    @Test
    void dropsLabelsWithProbabilityP() {
        int n = 20_000;
        double p = 0.1;
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        try (NDManager m = Engines.newManager()) {
            float[][] seen = new float[1][];
            TrainingLoss spy = (net, batch, noise) -> {
                seen[0] = batch.condition().toFloatArray();
                return batch.x0().sum();
            };
            NDArray x0 = m.zeros(new Shape(n, 1));
            new LabelDropout(spy, p, 10).loss(null, new Batch(x0, m.create(labels)), new NoiseSource(3));
            int dropped = 0;
            for (int i = 0; i < n; i++) {
                if (seen[0][i] == 10) {
                    dropped++;
                } else {
                    assertEquals(labels[i], seen[0][i]);
                }
            }
            double sd = Math.sqrt(n * p * (1 - p)); // binomial standard deviation; allow 5 of them
            assertTrue(Math.abs(dropped - n * p) < 5 * sd, "dropped " + dropped + " of " + n);
        }
    }
}
