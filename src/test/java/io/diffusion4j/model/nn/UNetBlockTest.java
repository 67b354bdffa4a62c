package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
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
}
