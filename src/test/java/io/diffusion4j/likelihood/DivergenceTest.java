package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact and Hutchinson–Skilling divergences through DJL autograd w.r.t. the input. */
class DivergenceTest {
    /**
     * f(x) = Ax + c with A = diagonal + antisymmetric: the divergence is tr(A) everywhere, and every Rademacher probe
     * gives it exactly, since zᵀAz = tr(A) + Σ_{i&lt;j}(A_ij + A_ji)z_i z_j.
     */
    @Test
    void aLinearFieldHasTheTraceOfItsMatrix() {
        float[] a = {0.5f, 2f, -1f, -2f, -1.5f, 0.25f, 1f, -0.25f, 3f};
        double trace = 0.5 - 1.5 + 3;
        try (NDManager m = Engines.newManager()) {
            NDArray matrix = m.create(a, new Shape(3, 3));
            NDArray shift = m.create(new float[] {1, -2, 0.5f});
            UnaryOperator<NDArray> f = x -> x.matMul(matrix.transpose()).add(shift);
            NDArray x = new NoiseSource(1).normal(m, new Shape(6, 3));
            Divergence.Estimate exact = Divergence.exact(f, x);
            Divergence.Estimate hutch = Divergence.hutchinson(f, x, 7, new NoiseSource(2));
            for (int i = 0; i < 6; i++) {
                // float32 sums of three products of order 1
                assertEquals(trace, exact.value()[i], 1e-5);
                assertEquals(trace, hutch.value()[i], 1e-5);
                assertEquals(0, hutch.stderr()[i], 1e-5);
            }
            assertEquals("exact", Divergence.auto(f, x, 3, new NoiseSource(3)).method());
        }
    }

    @Test
    void hutchinsonIsUnbiasedForTheDivergenceOfANetwork() {
        try (NDManager m = Engines.newManager();
             Network net = Network.create(new MlpSpec(2, new int[] {32, 32}, 16, 0, 2), m, 5)) {
            UnaryOperator<NDArray> f = x -> net.forward(x, x.getManager().full(new Shape(x.getShape().get(0)), 30f, DataType.FLOAT32), null, false);
            NDArray x = new NoiseSource(6).normal(m, new Shape(5, 2));
            Divergence.Estimate exact = Divergence.exact(f, x);
            double[] fd = centralDifferences(f, x, m);
            int probes = 4000;
            Divergence.Estimate hutch = Divergence.hutchinson(f, x, probes, new NoiseSource(7));
            for (int i = 0; i < 5; i++) {
                // central differences with h = 1e-2 in float32: O(h²) + 1e-7/h
                assertEquals(fd[i], exact.value()[i], 2e-3, "exact divergence of sample " + i);
                double se = hutch.stderr()[i];
                assertTrue(se > 0, "the network's Jacobian is not symmetric, so probes disagree");
                assertEquals(exact.value()[i], hutch.value()[i], 3 * se, "Hutchinson mean over " + probes + " probes, sample " + i);
            }
        }
    }

    @Test
    void probesMustBePositive() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.zeros(new Shape(2, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Divergence.hutchinson(y -> y, x, 0, new NoiseSource(1)));
            assertTrue(e.getMessage().contains("--probes"));
        }
    }

    private static double[] centralDifferences(UnaryOperator<NDArray> f, NDArray x, NDManager m) {
        float[] base = x.toFloatArray();
        int b = 5;
        double h = 1e-2;
        double[] div = new double[b];
        for (int j = 0; j < 2; j++) {
            float[] plus = base.clone();
            float[] minus = base.clone();
            for (int i = 0; i < b; i++) {
                plus[2 * i + j] += (float) h;
                minus[2 * i + j] -= (float) h;
            }
            float[] fp = f.apply(m.create(plus, x.getShape())).toFloatArray();
            float[] fm = f.apply(m.create(minus, x.getShape())).toFloatArray();
            for (int i = 0; i < b; i++) {
                div[i] += (fp[2 * i + j] - fm[2 * i + j]) / (2 * h);
            }
        }
        return div;
    }
}
