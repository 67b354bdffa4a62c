package io.diffusion4j.process;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Transition;

/**
 * The Gaussian forward process and its posterior as NDArray operations, shape-agnostic. Coefficients come from
 * {@link NoiseLevel} and {@link Transition}; this class only applies them.
 */
public final class ForwardProcess {
    private ForwardProcess() {
    }

    /** x_t = alpha·x₀ + sigma·ε, a draw from q(x_t | x₀) (Ho et al. 2020, eq. 4). */
    public static NDArray qSample(NDArray x0, NDArray eps, NoiseLevel level) {
        return x0.mul(level.alpha()).add(eps.mul(level.sigma()));
    }

    /** x_t = alpha·x₀ + sigma·ε with per-sample broadcastable coefficients (training batches). */
    public static NDArray qSample(NDArray x0, NDArray eps, NDArray alpha, NDArray sigma) {
        return x0.mul(alpha).add(eps.mul(sigma));
    }

    /** Posterior mean μ̃(x_t, x₀) of q(x_s | x_t, x₀) (Ho et al. 2020, eq. 7; VDM form for any two levels). */
    public static NDArray posteriorMean(NDArray x0, NDArray xt, Transition tr) {
        return x0.mul(tr.coefX0()).add(xt.mul(tr.coefXt()));
    }

    /** Posterior mean with per-sample broadcastable coefficients (training batches, per-sample timesteps). */
    public static NDArray posteriorMean(NDArray x0, NDArray xt, NDArray coefX0, NDArray coefXt) {
        return x0.mul(coefX0).add(xt.mul(coefXt));
    }

    /** The same mean written through ε: (x_t − σ²_{t|s}/σ_t·ε)/α_{t|s} (Ho et al. 2020, eq. 11). */
    public static NDArray posteriorMeanFromEps(NDArray xt, NDArray eps, Transition tr) {
        return xt.mul(tr.epsFormCoefXt()).add(eps.mul(tr.epsFormCoefEps()));
    }
}
