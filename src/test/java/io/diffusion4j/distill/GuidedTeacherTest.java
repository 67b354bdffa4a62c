package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetBlock;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guided teacher of guided distillation (Meng et al. 2023) is the sampler's classifier-free guidance, sample by
 * sample; a student with a guidance input whose embedding's output layer is zero is its conditional teacher at every w.
 */
class GuidedTeacherTest {
    private static final UNetSpec SPEC = new UNetSpec(1, 8, 8, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0, 3);
    private static final Schedule SCHEDULE = Schedule.linear(1000, 1e-4, 0.02);

    @Test
    void perSampleGuidedX0EqualsTheGuidanceDecoratorAtEachSamplesLevelAndWeight() {
        try (NDManager m = Engines.newManager(); Network net = Network.create(SPEC, m, 11)) {
            int b = 4;
            NDArray x = new NoiseSource(1).normal(m, SPEC.sampleShape(b));
            float[] labels = {0, 1, 2, 1};
            double[] w = {0, 0.5, 2, 3.5};
            NoiseLevel[] levels = {SCHEDULE.level(900), SCHEDULE.level(400), SCHEDULE.level(400), SCHEDULE.level(50)};
            NDArray got = Teacher.of(net, Parametrization.EPS).x0(x, levels, m.create(labels), w);
            NetworkDenoiser d = new NetworkDenoiser(net, Parametrization.EPS);
            for (int i = 0; i < b; i++) {
                NDArray xi = x.get(i + ":" + (i + 1));
                NDArray li = m.create(new float[] {labels[i]});
                NDArray want = ClassifierFreeGuidance.of(d, li, SPEC.nullClass(), w[i]).predict(xi, levels[i]).x0();
                // float rounding of O(1) values through x̂₀ = (x − σε)/α, α ≥ 0.05 at t = 900: 1e-4
                assertEquals(0f, got.get(i + ":" + (i + 1)).sub(want).abs().max().getFloat(), 1e-4f, "sample " + i);
            }
            // the unguided call is the conditional model
            NDArray plain = Teacher.of(net, Parametrization.EPS).x0(x, levels, m.create(labels), null);
            assertTrue(plain.sub(got).abs().max().getFloat() > 1e-3, "guidance must change x̂₀ where w > 0");
        }
    }

    @Test
    void aStudentWithAZeroGuidanceEmbeddingIsItsConditionalTeacherAtAnyWeight() {
        UNetSpec studentSpec = SPEC.withGuidanceInput(true);
        try (NDManager m = Engines.newManager(); Network teacher = Network.create(SPEC, m, 11);
             Network student = Network.create(studentSpec, m, 5)) {
            Map<String, float[]> init = student.snapshot();
            init.replaceAll((name, v) -> name.contains(UNetBlock.GUIDANCE_OUT) ? new float[v.length] : v);
            init.putAll(teacher.snapshot());   // the teacher's names are the student's, the guidance layers added last
            assertEquals(teacher.snapshot().size() + 4, init.size(), "two added layers, weight and bias each");
            student.load(init);
            NDArray x = new NoiseSource(2).normal(m, SPEC.sampleShape(3));
            NDArray t = m.create(new float[] {10, 500, 990});
            NDArray labels = m.create(new float[] {2, 0, 1});
            NDArray want = teacher.forward(x, t, labels, false);
            for (float w : new float[] {0, 1, 4}) {
                NDArray got = student.forward(x, t, labels, m.full(new ai.djl.ndarray.types.Shape(3), w), false);
                assertEquals(0f, got.sub(want).abs().max().getFloat(), 1e-6f, "w = " + w);
            }
            // with its output layer not zero, w changes the output (the input is wired in)
            init.replaceAll((name, v) -> name.contains(UNetBlock.GUIDANCE_OUT) ? filled(v.length) : v);
            student.load(init);
            NDArray a = student.forward(x, t, labels, m.full(new ai.djl.ndarray.types.Shape(3), 0f), false);
            NDArray c = student.forward(x, t, labels, m.full(new ai.djl.ndarray.types.Shape(3), 3f), false);
            assertTrue(a.sub(c).abs().max().getFloat() > 1e-4, "w must reach the output");
        }
    }

    @Test
    void aGuidedTeacherNeedsLabelsAndAClassConditionalNet() {
        UNetSpec uncond = new UNetSpec(1, 8, 8, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0, 0);
        try (NDManager m = Engines.newManager(); Network net = Network.create(uncond, m, 1)) {
            NDArray x = m.zeros(uncond.sampleShape(1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Teacher.of(net, Parametrization.EPS).x0(x, new NoiseLevel[] {SCHEDULE.level(10)}, null, new double[] {1}));
            assertTrue(e.getMessage().contains("class-conditional"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> uncond.withGuidanceInput(true));
    }

    private static float[] filled(int n) {
        float[] f = new float[n];
        Arrays.fill(f, 0.05f);
        return f;
    }
}
