package io.diffusion4j.sampler;

import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;

/**
 * A sampler whose every step needs one model evaluation at the step's starting level and nothing from earlier steps
 * (DDPM, DDIM, Euler–Maruyama). Implementations give the step rule; {@link ScopedSteps} scopes each step's memory in a
 * sub-manager so that long chains do not grow.
 */
public interface SingleStepSampler extends Sampler {

    /** x at {@code tr.to()} from the prediction made at {@code tr.from()}; arrays go to p.x()'s manager. */
    NDArray step(Prediction p, Transition tr, NoiseSource noise);

    @Override
    default NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        return ScopedSteps.run(xT, grid.steps(), (i, x, parent) -> {
            Transition tr = Transition.between(grid.level(i), grid.level(i + 1));
            Prediction p = model.predict(x, tr.from());
            NDArray next = step(p, tr, noise);
            listener.onStep(new StepListener.Step(i, grid.steps(), tr.from(), next, p.x0(), i + 1));
            return next;
        });
    }

    @Override
    default int nfe(TimeGrid grid) {
        return grid.steps();
    }
}
