package io.diffusion4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierFreeGuidanceTest {
    private static final UNetSpec SPEC = new UNetSpec(1, 8, 8, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0, 3);

    /** w = 0 is the conditional model; w = 2 is 3·ε(x, c) − 2·ε(x, ∅), computed here from the two models directly. */
    @Test
    void weightZeroIsConditionalAndWeightTwoFollowsTheFormula() {
        try (NDManager m = Engines.newManager(); Network net = Network.create(SPEC, m, 11)) {
            NDArray x = new NoiseSource(1).normal(m, SPEC.sampleShape(4));
            NDArray labels = m.create(new float[] {0, 1, 2, 1});
            NoiseLevel level = Schedule.linear(1000, 1e-4, 0.02).level(400);
            NetworkDenoiser d = new NetworkDenoiser(net, Parametrization.EPS);
            NDArray cond = d.withCondition(labels).predict(x, level).eps();
            NDArray uncond = d.withCondition(m.full(labels.getShape(), SPEC.nullClass())).predict(x, level).eps();
            assertTrue(cond.sub(uncond).abs().max().getFloat() > 1e-3, "the null class must change the output");

            NDArray w0 = ClassifierFreeGuidance.of(d, labels, SPEC.nullClass(), 0).predict(x, level).eps();
            assertEquals(0f, w0.sub(cond).abs().max().getFloat(), 1e-6f); // (1+0)·c − 0·u = c up to float rounding

            NDArray w2 = ClassifierFreeGuidance.of(d, labels, SPEC.nullClass(), 2).predict(x, level).eps();
            NDArray expected = cond.mul(3).sub(uncond.mul(2));
            assertEquals(0f, w2.sub(expected).abs().max().getFloat(), 1e-5f); // float rounding of O(1) values
        }
    }

    @Test
    void negativeWeightIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ClassifierFreeGuidance((x, l) -> null, (x, l) -> null, -1));
        assertTrue(e.getMessage().contains("--guidance"));
    }
}
