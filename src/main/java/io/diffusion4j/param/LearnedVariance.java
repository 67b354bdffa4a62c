package io.diffusion4j.param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.tensor.PerSample;

/**
 * The learned reverse variance of Nichol &amp; Dhariwal 2021 (§3.1, eq. 15): the network outputs, beside its mean
 * channels, one more value v per data element, and Σ_θ = exp(v·log β_t + (1 − v)·log β̃_t), an interpolation in the
 * log domain between the upper bound β_t and the lower bound β̃_t of the reverse variance (Ho et al. 2020, §3.2).
 * v is unconstrained, as in the paper. On any grid β_t is the step variance and β̃_t the posterior variance of the
 * {@link Transition}, so a model trained on every step also samples on a skipped grid (N&amp;D §4).
 *
 * <p>The formula lives only here; samplers, the hybrid loss and the variational bound all call it.
 */
public final class LearnedVariance {
    private LearnedVariance() {
    }

    /**
     * Splits raw network output with 2C channels along axis 1 into the mean output (first C: ε, x₀ or v by the
     * parametrization) and the variance fraction (last C). Works for points (B, 2d) and images (B, 2C, H, W).
     */
    public static NDList split(NDArray out) {
        long channels = out.getShape().get(1);
        if (channels % 2 != 0) {
            throw new IllegalArgumentException("a learned-variance network needs an even number of output channels, got "
                    + out.getShape() + "; build it with twice the data channels");
        }
        return out.split(2, 1);
    }

    /** log Σ_θ = v·logBeta + (1 − v)·logBetaTilde, with broadcastable (per-sample or scalar) bounds. */
    public static NDArray logVariance(NDArray v, NDArray logBeta, NDArray logBetaTilde) {
        return v.mul(logBeta).add(v.neg().add(1).mul(logBetaTilde));
    }

    /** log Σ_θ for one transition of a sampling grid; the posterior variance must be positive (not the step to data). */
    public static NDArray logVariance(NDArray v, Transition tr) {
        double tilde = tr.posteriorVariance();
        if (!(tilde > 0)) {
            throw new IllegalArgumentException("learned variance is undefined where the posterior variance is 0 (the step to data)");
        }
        return logVariance(v, PerSample.scalar(Math.log(tr.stepVariance()), v), PerSample.scalar(Math.log(tilde), v));
    }
}
