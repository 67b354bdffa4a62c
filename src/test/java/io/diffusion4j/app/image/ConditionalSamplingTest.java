package io.diffusion4j.app.image;

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

class ConditionalSamplingTest {
    private static final UNetSpec SPEC = new UNetSpec(1, 8, 8, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0, 3);

    /** The unconditional base feeds the null class whatever the labels; the conditional one feeds the labels. */
    @Test
    void unconditionalBaseIgnoresTheLabels() {
        try (NDManager m = Engines.newManager(); Network net = Network.create(SPEC, m, 5)) {
            NDArray x = new NoiseSource(2).normal(m, SPEC.sampleShape(2));
            NDArray labels = m.create(new float[] {0, 2});
            NoiseLevel level = Schedule.linear(1000, 1e-4, 0.02).level(300);
            NDArray none = new NetworkDenoiser(net, Parametrization.EPS, m.full(labels.getShape(), SPEC.nullClass()))
                    .predict(x, level).eps();
            NDArray uncond = new ConditionalSampling(net, Parametrization.EPS, 0, null, 0, false, true)
                    .denoiser(labels).predict(x, level).eps();
            NDArray cond = new ConditionalSampling(net, Parametrization.EPS, 0, null, 0, false)
                    .denoiser(labels).predict(x, level).eps();
            assertEquals(0f, uncond.sub(none).abs().max().getFloat());
            assertTrue(cond.sub(none).abs().max().getFloat() > 1e-4);
        }
    }

    @Test
    void freeGuidanceOnTheUnconditionalBaseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConditionalSampling(null, Parametrization.EPS, 1, null, 0, true, true));
    }
}
