package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;

/**
 * The reverse-time SDE dx = [f(x, t) − g(t)²∇log p_t(x)] dt + g(t) dw̄ (Song et al. 2021, eq. 6) or, with
 * {@code probabilityFlow}, the ODE dx/dt = f(x, t) − ½g(t)²∇log p_t(x) with the same marginals (eq. 13); the score
 * comes from {@code model} at the SDE's marginal level, ∇log p_t = −ε̂/b_t (score_sde's {@code SDE.reverse}).
 */
public record ReverseSde(Sde sde, Denoiser model, boolean probabilityFlow) {

    /** The model's prediction for x at time t. */
    public Prediction predict(NDArray x, double t) {
        return model.predict(x, sde.marginal(t));
    }

    /** The drift at the prediction's state and time t. */
    public NDArray drift(Prediction p, double t) {
        return sde.reverseDrift(p, t, probabilityFlow);
    }

    /** The drift at x and t (one model evaluation). */
    public NDArray drift(NDArray x, double t) {
        return drift(predict(x, t), t);
    }

    /** g(t) for the SDE, 0 for the probability-flow ODE. */
    public double diffusion(double t) {
        return probabilityFlow ? 0 : sde.g(t);
    }
}
