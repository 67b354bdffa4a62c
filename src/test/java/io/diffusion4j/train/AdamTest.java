package io.diffusion4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * With 40 weights at two threads, Adam and the EMA update one range of weights per thread (BatchParallel.forEach);
     * the result is the same bits as the updates in order on one thread, over three steps (40 weights are above
     * the per-thread minimum, so the split runs; BatchParallelTest checks that forEach uses both threads).
     */
    @Test
    void updatesSplitOverThreadsEqualTheUpdatesInOrder() {
        Engines.engine();
        int threadsBefore = JniUtils.getNumThreads();
        try (NDManager nd = Engines.newManager()) {
            java.util.List<float[]> results = new java.util.ArrayList<>();
            for (int threads : new int[] {1, 2}) {
                JniUtils.setNumThreads(threads);
                NoiseSource noise = new NoiseSource(9);
                Map<String, NDArray> w = new java.util.LinkedHashMap<>();
                Map<String, NDArray> g = new java.util.LinkedHashMap<>();
                for (int i = 0; i < 40; i++) {
                    w.put("w" + i, noise.normal(nd, new Shape(3 + i, 5)));
                }
                Adam adam = new Adam(nd, 0.9, 0.999, 1e-8);
                Ema ema = new Ema(nd, w, 0.99);
                for (int k = 1; k <= 3; k++) {
                    for (String name : w.keySet()) {
                        g.put(name, noise.normal(nd, w.get(name).getShape()));
                    }
                    adam.step(w, g, k, 1e-2);
                    ema.update(w, k);
                }
                assertTrue(40 / threads >= io.diffusion4j.parallel.BatchParallel.MIN_PER_THREAD);
                results.add(flatten(w, ema));
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(results.get(0), results.get(1));
        } finally {
            JniUtils.setNumThreads(threadsBefore);
        }
    }

    private static float[] flatten(Map<String, NDArray> weights, Ema ema) {
        java.util.List<Float> all = new java.util.ArrayList<>();
        weights.values().forEach(a -> { for (float f : a.toFloatArray()) { all.add(f); } });
        ema.weights().values().forEach(a -> { for (float f : a.toFloatArray()) { all.add(f); } });
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
