package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Observes a sampler, one typed record per step: progress bars, trajectory dumps and denoising strips hook in here.
 * The arrays in a {@link Step} live only during the call; copy what you keep.
 */
@FunctionalInterface
public interface StepListener {

    /**
     * One finished sampler step.
     *
     * @param index   0-based step index
     * @param total   number of steps in the grid
     * @param level   the level the step started from
     * @param x       the state after the step
     * @param x0      the denoised estimate x̂₀ made at {@code level}
     * @param nfe     network evaluations so far
     */
    record Step(int index, int total, NoiseLevel level, NDArray x, NDArray x0, int nfe) {
    }

    void onStep(Step step);

    StepListener NONE = s -> {
    };

    /** Both listeners, in order. */
    default StepListener andThen(StepListener next) {
        return s -> {
            onStep(s);
            next.onStep(s);
        };
    }
}
