package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UNetBlockTest {

    /** The output has the input's shape for square, non-square and odd sizes, with and without classes. */
    @ParameterizedTest
    @CsvSource({"1, 28, 28, 10", "3, 16, 16, 0", "1, 13, 11, 3", "3, 8, 12, 0"})
    void outputShapeEqualsInputShape(int c, int h, int w, int classes) {
        UNetSpec spec = new UNetSpec(c, h, w, 8, new int[] {1, 2, 2}, 1, new int[] {1, 2}, 4, 0.1, classes);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 1)) {
            NDArray x = new NoiseSource(2).normal(m, spec.sampleShape(3));
            NDArray t = m.create(new float[] {1, 500, 1000});
            NDArray y = classes > 0 ? m.create(new float[] {0, classes - 1, classes}) : null;
            NDArray out = net.forward(x, t, y, true);
            assertEquals(x.getShape(), out.getShape());
            assertTrue(net.parameterCount() > 0);
            if (classes > 0) { // the label changes the output: the class embedding is wired in
                NDArray other = net.forward(x, t, m.create(new float[] {1, 0, 0}), false);
                assertNotEquals(0f, out.sub(other).abs().max().getFloat());
            }
        }
    }

    /** Same seed, same weights and same training-mode output (dropout masks included). */
    @ParameterizedTest
    @CsvSource({"0.0", "0.3"})
    void deterministicGivenSeed(double dropout) {
        UNetSpec spec = new UNetSpec(1, 12, 12, 8, new int[] {1, 2}, 1, new int[] {1}, 4, dropout, 2);
        try (NDManager m = Engines.newManager(); Network a = Network.create(spec, m, 7); Network b = Network.create(spec, m, 7)) {
            NDArray x = new NoiseSource(3).normal(m, spec.sampleShape(2));
            NDArray t = m.create(new float[] {10, 20});
            NDArray y = m.create(new float[] {0, 1});
            assertEquals(0f, a.forward(x, t, y, true).sub(b.forward(x, t, y, true)).abs().max().getFloat());
        }
    }

    /**
     * At inference each block closes its intermediates as it returns: the forward pass leaves a handful of arrays in
     * its manager instead of every activation, and its output and its input gradient (guidance and DPS take one)
     * equal the training-mode pass's, which closes nothing (dropout 0, so the two compute the same function).
     */
    @Test
    void inferenceClosesIntermediatesAndKeepsOutputAndInputGradient() {
        UNetSpec spec = new UNetSpec(1, 12, 12, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0.0, 2);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 5)) {
            float[][] outs = new float[2][];
            float[][] grads = new float[2][];
            int[] left = new int[2];
            for (int mode = 0; mode < 2; mode++) {
                boolean training = mode == 1;
                try (NDManager s = m.newSubManager()) {
                    NDArray x = new NoiseSource(3).normal(s, spec.sampleShape(2));
                    NDArray t = s.create(new float[] {10, 900});
                    NDArray y = s.create(new float[] {0, 2});
                    x.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray out = net.forward(x, t, y, training);
                        left[mode] = s.getManagedArrays().size();
                        outs[mode] = out.toFloatArray();
                        gc.backward(out.square().sum());
                    }
                    grads[mode] = x.getGradient().toFloatArray();
                }
            }
            // 3 inputs, the time and class embeddings (about 15 small arrays) and the output; training keeps hundreds
            assertTrue(left[0] < 40, "inference left " + left[0] + " arrays (training " + left[1] + ")");
            assertTrue(left[1] > 4 * left[0], "training left " + left[1] + " arrays");
            org.junit.jupiter.api.Assertions.assertArrayEquals(outs[1], outs[0]);
            org.junit.jupiter.api.Assertions.assertArrayEquals(grads[1], grads[0]);
        }
    }
}
