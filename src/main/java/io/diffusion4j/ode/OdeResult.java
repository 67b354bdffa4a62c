package io.diffusion4j.ode;

import ai.djl.ndarray.NDList;

/**
 * The outcome of an integration: the final state and what it cost.
 *
 * @param y           the state at the last requested time, in the initial state's manager
 * @param evaluations evaluations of F (the NFE when F calls a network)
 * @param steps       accepted steps
 * @param rejected    rejected steps (adaptive integrators only)
 */
public record OdeResult(NDList y, int evaluations, int steps, int rejected) {
}
