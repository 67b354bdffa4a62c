package io.diffusion4j.param;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.FreedMemory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * v̂ and the score are built in a step's manager that is closed before backward (as in a back-propagated sampling
 * chain); their gradients must still be alpha and −1/sigma after the freed native memory is refilled with NaN.
 */
class PredictionGradientTest {

    @Test
    void vAndScoreGradientsSurviveAClosedStepManager() {
        NoiseLevel level = new NoiseLevel(0.6, 0.8, 0.5);
        try (NDManager m = Engines.newManager()) {
            NDArray eps = m.create(new float[] {0.3f, -1.2f, 0.7f, 2.0f}, new Shape(2, 2));
            eps.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss;
                try (NDManager step = m.newSubManager()) {
                    NDArray x0 = step.zeros(new Shape(2, 2));
                    Prediction p = new Prediction(step.zeros(new Shape(2, 2)), x0, eps, level);
                    loss = p.v().add(p.score()).sum();
                    loss.attach(m);
                }
                FreedMemory.scribble();
                gc.backward(loss);
            }
            for (float g : eps.getGradient().toFloatArray()) {
                assertEquals(0.6 - 1 / 0.8, g, 1e-6);
            }
        }
    }
}
