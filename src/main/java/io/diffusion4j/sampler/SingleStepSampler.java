package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;

/**
 * A sampler whose every step needs one model evaluation at the step's starting level and nothing from earlier steps
 * (DDPM, DDIM, Euler–Maruyama). Implementations give the step rule; the loop here scopes each step's memory in a
 * sub-manager so that long chains do not grow.
 */
public interface SingleStepSampler extends Sampler {

    /** x at {@code tr.to()} from the prediction made at {@code tr.from()}; arrays go to p.x()'s manager. */
    NDArray step(Prediction p, Transition tr, NoiseSource noise);

    @Override
    default NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        NDManager parent = xT.getManager();
        NDArray x = xT;
        for (int i = 0; i < grid.steps(); i++) {
            try (NDManager stepManager = parent.newSubManager()) {
                if (x == xT) {
                    x.tempAttach(stepManager);
                } else {
                    x.attach(stepManager);
                }
                Transition tr = Transition.between(grid.level(i), grid.level(i + 1));
                Prediction p = model.predict(x, tr.from());
                NDArray next = step(p, tr, noise);
                listener.onStep(new StepListener.Step(i, grid.steps(), tr.from(), next, p.x0(), i + 1));
                next.attach(parent);
                x = next;
            }
        }
        return x;
    }

    @Override
    default int nfe(TimeGrid grid) {
        return grid.steps();
    }
}
