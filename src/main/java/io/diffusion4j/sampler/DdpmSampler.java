package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.tensor.PerSample;

/**
 * Ancestral DDPM sampling (Ho et al. 2020, Algorithm 2): x_s = μ̃(x_t, x̂₀) + σ·z, with σ² the posterior variance β̃
 * ({@link ReverseVariance#FIXED_SMALL}) or the forward step variance β ({@link ReverseVariance#FIXED_LARGE}); on a
 * skipped grid β is the variance of the whole step, 1 − ᾱ_t/ᾱ_s (Nichol &amp; Dhariwal 2021, §4). No noise is added on
 * the step to data. When the prediction carries a learned variance ({@link Prediction#varianceFraction()}), that
 * variance is used whatever the fixed choice (Nichol &amp; Dhariwal 2021, eq. 15, through {@link LearnedVariance});
 * {@link ReverseVariance#LEARNED} falls back on β̃ for a prediction that carries none.
 */
public record DdpmSampler(ReverseVariance variance) implements SingleStepSampler {

    @Override
    public NDArray step(Prediction p, Transition tr, NoiseSource noise) {
        NDArray mean = ForwardProcess.posteriorMean(p.x0(), p.x(), tr);
        if (tr.to().isData()) {
            return mean;
        }
        NDArray z = noise.normal(mean.getManager(), mean.getShape());
        if (p.varianceFraction() != null) {
            // σ = exp(½·log Σ_θ) (Nichol & Dhariwal 2021, eq. 15); the ½ is a PyTorch-owned scalar because the
            // learned log-variance carries gradients, which must outlive this step's manager (see PerSample.scalar)
            NDArray logVar = LearnedVariance.logVariance(p.varianceFraction(), tr);
            return mean.add(z.mul(logVar.mul(PerSample.scalar(0.5, logVar)).exp()));
        }
        return mean.add(z.mul(Math.sqrt(variance.fixedVariance(tr))));
    }

    /** ddpm(small), ddpm(large) or ddpm(learned). */
    @Override
    public String name() {
        return "ddpm(" + switch (variance) {
            case FIXED_SMALL -> "small";
            case FIXED_LARGE -> "large";
            case LEARNED -> "learned";
        } + ")";
    }
}
