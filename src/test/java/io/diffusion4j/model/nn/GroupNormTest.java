package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.NDList;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.Weights;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupNormTest {

    /** GroupNorm against the definition computed by hand in double precision, with non-trivial γ and β. */
    @Test
    void matchesHandComputation() {
        int b = 2, c = 6, h = 2, w = 3, groups = 3;
        float[] x = new float[b * c * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(1.3 * i) * (1 + i % 5);
        }
        float[] gamma = {1, 2, -1, 0.5f, 3, 1};
        float[] beta = {0, 1, -2, 0.25f, 0, 4};
        double eps = 1e-5;
        double[] expected = new double[x.length];
        int per = c / groups * h * w;
        for (int n = 0; n < b; n++) {
            for (int g = 0; g < groups; g++) {
                int start = (n * c + g * (c / groups)) * h * w;
                double mean = 0;
                for (int i = 0; i < per; i++) {
                    mean += x[start + i];
                }
                mean /= per;
                double var = 0;
                for (int i = 0; i < per; i++) {
                    var += (x[start + i] - mean) * (x[start + i] - mean);
                }
                var /= per;
                for (int i = 0; i < per; i++) {
                    int ch = g * (c / groups) + i / (h * w);
                    expected[start + i] = gamma[ch] * (x[start + i] - mean) / Math.sqrt(var + eps) + beta[ch];
                }
            }
        }
        try (NDManager m = Engines.newManager()) {
            GroupNorm gn = new GroupNorm(groups, c);
            gn.initialize(m, DataType.FLOAT32, new Shape(b, c, h, w));
            Weights.copyInto(gn.getParameters().get("gamma").getArray(), gamma);
            Weights.copyInto(gn.getParameters().get("beta").getArray(), beta);
            NDArray y = gn.forward(new ParameterStore(m, false), new NDList(m.create(x, new Shape(b, c, h, w))), false).head();
            float[] got = y.toFloatArray();
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                // float32 arithmetic on O(1) values: a few ulps of the largest |γ|·5 term
                assertEquals(expected[i], got[i], 1e-4, "element " + i);
            }
            assertArrayEquals(new long[] {b, c, h, w}, y.getShape().getShape());
        }
    }

    @Test
    void rejectsChannelsThatDoNotSplit() {
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
    }
}
