package io.diffusion4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Adam against Kingma & Ba's update written out in double precision for a few steps. */
class AdamTest {
    @Test
    void matchesTheAlgorithm() {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double lr = 0.01;
        double[] w = {0.5, -1.0, 2.0};
        double[][] grads = {{0.1, -0.2, 0.3}, {-0.05, 0.4, 0.0}, {1.0, 1.0, -1.0}};
        double[] m = new double[3];
        double[] v = new double[3];
        try (NDManager nd = Engines.newManager()) {
            NDArray weight = nd.create(new float[] {0.5f, -1f, 2f});
            Adam adam = new Adam(nd, b1, b2, eps);
            for (int k = 1; k <= grads.length; k++) {
                NDArray g = nd.create(new float[] {(float) grads[k - 1][0], (float) grads[k - 1][1], (float) grads[k - 1][2]});
                adam.step(Map.of("w", weight), Map.of("w", g), k, lr);
                for (int i = 0; i < 3; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * grads[k - 1][i];
                    v[i] = b2 * v[i] + (1 - b2) * grads[k - 1][i] * grads[k - 1][i];
                    w[i] -= lr * Math.sqrt(1 - Math.pow(b2, k)) / (1 - Math.pow(b1, k)) * m[i] / (Math.sqrt(v[i]) + eps);
                }
                float[] got = weight.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], got[i], 1e-6, "step " + k + " weight " + i);
                }
            }
        }
    }
}
