package io.diffusion4j.ode;

import ai.djl.ndarray.NDList;

/**
 * Observes an integration, one typed record per accepted step (Commons Math's {@code StepHandler}). The arrays in a
 * {@link Step} live only during the call; copy what you keep.
 */
@FunctionalInterface
public interface OdeObserver {

    /**
     * One accepted step from {@code tFrom} to {@code t}.
     *
     * @param index       0-based index of the accepted step
     * @param tFrom       where the step started
     * @param t           where it ended
     * @param y           the state at t
     * @param evaluations evaluations of F so far
     */
    record Step(int index, double tFrom, double t, NDList y, int evaluations) {
    }

    void onStep(Step step);

    OdeObserver NONE = s -> {
    };
}
