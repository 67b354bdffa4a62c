package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

/**
 * A linear (affine-drift) diffusion SDE dx = f(t)·x dt + g(t) dw on t ∈ [0, 1], the interface of score_sde's
 * {@code sde_lib.SDE} (Song et al. 2021, eq. 5). Its perturbation kernel is p_t(x_t | x₀) = N(a_t·x₀, b_t²·I), given
 * as a {@link NoiseLevel} (alpha = a_t, sigma = b_t, time = t), so everything written against noise levels —
 * parametrizations, denoisers, oracles — works in continuous time. Implementations differ only in f, g and the
 * marginal; no sampler or loss asks which SDE it has.
 */
public interface Sde {

    /** The drift coefficient f(t) of f(x, t) = f(t)·x. */
    double f(double t);

    /** The diffusion coefficient g(t). */
    double g(double t);

    /** The marginal p_t(x_t | x₀) = N(alpha·x₀, sigma²·I) as a noise level with time t. */
    NoiseLevel marginal(double t);

    /** Standard deviation of the prior p_1 ≈ N(0, priorStd²·I): 1 for VP and sub-VP, σ_max for VE. */
    double priorStd();

    /** The smallest time samplers go to before the final denoising step (score_sde's sampling ε). */
    double tMin();

    /** A short identifier, e.g. "vp-sde". */
    String id();

    /** f(x, t) = f(t)·x. */
    default NDArray drift(NDArray x, double t) {
        return x.mul(f(t));
    }

    /**
     * The drift of the reverse-time SDE (Song et al. 2021, eq. 6), f(x, t) − g(t)²·∇log p_t(x), or of the
     * probability-flow ODE (eq. 13), f(x, t) − ½·g(t)²·∇log p_t(x), with the score taken from a prediction at
     * {@code marginal(t)}. Time runs backwards: a step of size dt &lt; 0 moves x by drift·dt.
     */
    default NDArray reverseDrift(Prediction p, double t, boolean probabilityFlow) {
        double gg = g(t) * g(t) * (probabilityFlow ? 0.5 : 1.0);
        return drift(p.x(), t).sub(p.score().mul(gg));
    }

    /** The reverse-time SDE, or its probability-flow ODE, with the score of {@code model}. */
    default ReverseSde reverse(Denoiser model, boolean probabilityFlow) {
        return new ReverseSde(this, model, probabilityFlow);
    }

    /** Draws from the prior N(0, priorStd²·I). */
    default NDArray priorSample(NDManager manager, Shape shape, NoiseSource noise) {
        return noise.normal(manager, shape).mul(priorStd());
    }

    /** log N(z; 0, priorStd²·I) per sample, shape (B). */
    default NDArray priorLogDensity(NDArray z) {
        double s2 = priorStd() * priorStd();
        long dims = z.getShape().size() / z.getShape().get(0);
        return PerSample.sumPerSample(z.square()).mul(-0.5 / s2).sub(0.5 * dims * Math.log(2 * Math.PI * s2));
    }

    /**
     * The time at which the marginal has the given log-SNR (2·log(a_t/b_t), decreasing in t), clamped to [0, 1].
     * Found by bisection, so every SDE gets it; grids spaced in log-SNR or in Karras' σ use it.
     */
    default double time(double logSnr) {
        double lo = 0;
        double hi = 1;
        if (marginal(hi).logSnr() >= logSnr) {
            return hi;
        }
        if (marginal(lo).logSnr() <= logSnr) {
            return lo;
        }
        for (int i = 0; i < 100 && hi - lo > 1e-15; i++) {
            double mid = 0.5 * (lo + hi);
            if (marginal(mid).logSnr() > logSnr) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
