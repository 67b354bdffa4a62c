package io.diffusion4j.app.channel;

import io.diffusion4j.train.RmsProp;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RMSprop against its closed form, and a WGAN that must learn a shifted channel y = x + 1 well enough to beat chance. */
class WganChannelTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void rmsPropStepsMatchTheClosedForm() {
        // Gradient of Σ w² is 2w; v₁ = (1−ρ)(2w)², so w₁ = w − lr·2w/(√(1−ρ)·|2w| + ε) = w − lr·sign(w)/√(1−ρ).
        NDArray w = manager.create(new float[] {0.5f, -2f}, new Shape(2));
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(w.square().sum());
        }
        new RmsProp(manager, 0.99, 0).step(Map.of("w", w), 0.01);
        double d = 0.01 / Math.sqrt(0.01);
        assertArrayEquals(new float[] {(float) (0.5 - d), (float) (-2 + d)}, w.toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {0, 0}, w.getGradient().toFloatArray(), 0f, "gradients are cleared after the step");
    }

    @Test
    void learnsTheMeanOfAShiftedChannel() {
        int count = 4_000;
        Points x = ChannelData.gaussianInputs(count, 1, new NoiseSource(1));
        float[] y = x.values().clone();
        for (int i = 0; i < count; i++) {
            y[i] += 1f;
        }
        List<Double> critic = new ArrayList<>();
        TrainListener record = s -> critic.add(s.loss());
        WganChannel.Settings s = new WganChannel.Settings(300, 128, 2e-3, 0.05, 5, new int[] {16, 16}, 2);
        WganChannel g = WganChannel.train(new ChannelData(x, new Points(count, 1, y)), s, manager, record);
        assertEquals(300, critic.size());
        NDArray in = manager.create(new float[] {-1f, 0f, 1f}, new Shape(3, 1));
        float[] out = new float[3];
        int reps = 200;
        for (int r = 0; r < reps; r++) {
            float[] o = g.transmit(in, new NoiseSource(100 + r)).toFloatArray();
            for (int i = 0; i < 3; i++) {
                out[i] += o[i] / reps;
            }
        }
        // The untrained generator's output is near 0 for every input; a learned one must move E[y − x] towards 1.
        for (int i = 0; i < 3; i++) {
            double shift = out[i] - (i - 1);
            assertTrue(shift > 0.5 && shift < 1.5, "E[y − x | x = " + (i - 1) + "] = " + shift);
        }
    }
}
