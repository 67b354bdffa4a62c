package io.diffusion4j.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.FreedMemory;
import io.diffusion4j.tensor.PerSample;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FunctionalTest {

    /**
     * The SiLU gradient σ(x)·(1 + x·(1 − σ(x))) survives a garbage collection between forward and backward, with the
     * freed native memory refilled with NaN. Guards against ops that hand autograd a DJL temporary scalar tensor
     * (its direct buffer is freed once the temporary is closed and collected).
     */
    @Test
    void siluAndPerSampleMeanGradientsSurviveGarbageCollection() {
        float[] xs = {-3, -1, -0.25f, 0, 0.5f, 2, 4, 7};
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.create(xs, new ai.djl.ndarray.types.Shape(2, 4));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = PerSample.meanPerSample(Functional.silu(x)).sum();
                FreedMemory.scribble();
                gc.backward(y);
            }
            float[] g = x.getGradient().toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double s = 1 / (1 + Math.exp(-xs[i]));
                assertEquals(s * (1 + xs[i] * (1 - s)) / 4, g[i], 1e-6, "x = " + xs[i]); // /4: mean over 4 per sample
            }
        }
    }
}
