package io.diffusion4j.param;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * What a denoiser says about x_t at one noise level, in every form a sampler, loss or guidance term may want:
 * the denoised estimate x̂₀, the noise estimate ε̂, v̂ and the score. Built only by {@link Parametrization}, so no
 * caller ever branches on what the network was trained to output.
 *
 * @param x     the noisy input x_t
 * @param x0    x̂₀ = E[x₀ | x_t]
 * @param eps   ε̂ = E[ε | x_t]
 * @param level the noise level (alpha, sigma) of x_t
 * @param varianceFraction the learned interpolation v of the reverse variance (Nichol &amp; Dhariwal 2021, eq. 15;
 *                         see {@link LearnedVariance}), shaped like x; null for a model with a fixed variance
 */
public record Prediction(NDArray x, NDArray x0, NDArray eps, NoiseLevel level, NDArray varianceFraction) {

    /** A prediction without a learned variance. */
    public Prediction(NDArray x, NDArray x0, NDArray eps, NoiseLevel level) {
        this(x, x0, eps, level, null);
    }

    /** The same prediction carrying a learned variance fraction v (null removes it). */
    public Prediction withVarianceFraction(NDArray v) {
        return new Prediction(x, x0, eps, level, v);
    }

    /** v̂ = alpha·ε̂ − sigma·x̂₀ (Salimans &amp; Ho 2022, §4). */
    public NDArray v() {
        return eps.mul(PerSample.scalar(level.alpha(), eps)).sub(x0.mul(PerSample.scalar(level.sigma(), x0)));
    }

    /** The score ∇ log p_t(x_t) = −ε̂ / sigma (Tweedie's formula; Song et al. 2021, eq. 3 for VP). */
    public NDArray score() {
        return eps.div(PerSample.scalar(-level.sigma(), eps));
    }

    /**
     * The prediction with x̂₀ clipped to [lo, hi] and ε̂ made consistent with it: ε̂ = (x_t − alpha·x̂₀)/sigma
     * (the "clip_denoised" of Ho et al.'s sampler).
     */
    public Prediction clipX0(double lo, double hi) {
        NDArray c = x0.clip(lo, hi);
        NDArray e = level.sigma() == 0 ? eps
                : x.sub(c.mul(PerSample.scalar(level.alpha(), c))).div(PerSample.scalar(level.sigma(), c));
        return new Prediction(x, c, e, level, varianceFraction);
    }

    /** A prediction given by ε̂ (the form guidance terms produce). */
    public static Prediction fromEps(NDArray x, NDArray eps, NoiseLevel level) {
        return Parametrization.EPS.predict(eps, x, level);
    }

    /** A prediction given by x̂₀. */
    public static Prediction fromX0(NDArray x, NDArray x0, NoiseLevel level) {
        return Parametrization.X0.predict(x0, x, level);
    }
}
