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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Gradients of Σ r·GN(x) with respect to x, γ and β (libtorch's native kernel through the shipped TorchScript
     * module, and the layer-norm and batch-norm composite) against the same loss written
     * out as mean, variance and division ops, which autograd differentiates op by op. Float32 on O(1) values, so the
     * two agree to a few ulps of the largest term.
     */
    @Test
    void gradientsMatchTheComposedDefinition() {
        int b = 3, c = 8, h = 3, w = 2, groups = 4;
        try (NDManager m = Engines.newManager()) {
            io.diffusion4j.noise.NoiseSource noise = new io.diffusion4j.noise.NoiseSource(7);
            NDArray x0 = noise.normal(m, new Shape(b, c, h, w)).mul(m.create(2f)).add(m.create(0.5f));
            NDArray r = noise.normal(m, new Shape(b, c, h, w));
            NDArray gamma0 = noise.normal(m, new Shape(c));
            NDArray beta0 = noise.normal(m, new Shape(c));
            assertTrue(NativeGroupNorm.available(), "the shipped TorchScript group norm loads");
            float[][] composed = gradients(m, x0, gamma0, beta0, r, 2, groups);
            for (int variant = 0; variant < 2; variant++) {   // libtorch's native kernel, then the composite
                float[][] fused = gradients(m, x0, gamma0, beta0, r, variant, groups);
                for (int k = 0; k < 3; k++) {
                    assertEquals(composed[k].length, fused[k].length);
                    for (int i = 0; i < fused[k].length; i++) {
                        assertEquals(composed[k][i], fused[k][i], 2e-4, "variant " + variant + ", gradient " + k + ", element " + i);
                    }
                }
            }
        }
    }

    private static float[][] gradients(NDManager m, NDArray x0, NDArray gamma0, NDArray beta0, NDArray r, int variant, int groups) {
        try (NDManager s = m.newSubManager(); ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray x = x0.duplicate();
            NDArray gamma = gamma0.duplicate();
            NDArray beta = beta0.duplicate();
            x.attach(s);
            gamma.attach(s);
            beta.attach(s);
            x.setRequiresGradient(true);
            gamma.setRequiresGradient(true);
            beta.setRequiresGradient(true);
            NDArray y = variant == 0 ? NativeGroupNorm.apply(x, groups, gamma, beta, 1e-5f)
                    : variant == 1 ? GroupNorm.composite(x, groups, gamma, beta, 1e-5f) : composed(x, groups, gamma, beta, 1e-5f);
            gc.backward(y.mul(r).sum());
            return new float[][] {x.getGradient().toFloatArray(), gamma.getGradient().toFloatArray(), beta.getGradient().toFloatArray()};
        }
    }

    private static NDArray composed(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        Shape s = x.getShape();
        NDArray g = x.reshape(s.get(0), groups, -1);
        NDArray centred = g.sub(g.mean(new int[] {2}, true));
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(var.add(x.getManager().create(eps)).sqrt()).reshape(s);
        Shape perChannel = new Shape(1, s.get(1), 1, 1);
        return normed.mul(gamma.reshape(perChannel)).add(beta.reshape(perChannel));
    }

    @Test
    void rejectsChannelsThatDoNotSplit() {
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
    }
}
