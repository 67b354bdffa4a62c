package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.naming.Names;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.Transition;

import java.util.Locale;

/**
 * Ancestral DDPM sampling (Ho et al. 2020, Algorithm 2): x_s = μ̃(x_t, x̂₀) + σ·z, with σ² the posterior variance β̃
 * ({@link Variance#SMALL}) or the forward step variance β ({@link Variance#LARGE}); on a skipped grid β is the
 * variance of the whole step, 1 − ᾱ_t/ᾱ_s (Nichol &amp; Dhariwal 2021, §4). No noise is added on the step to data.
 * When the prediction carries a learned variance ({@link Prediction#varianceFraction()}), that variance is used
 * instead of the fixed one (Nichol &amp; Dhariwal 2021, eq. 15, through {@link LearnedVariance}).
 */
public record DdpmSampler(Variance variance) implements SingleStepSampler {

    /** The fixed reverse variance: β̃_t (lower bound) or β_t (upper bound), Ho et al. 2020 §3.2. */
    public enum Variance {
        SMALL, LARGE;

        /** fixed-small and fixed-large, with diffusers' {@code variance_type} fixed_small(_log), fixed_large(_log). */
        public static final Names<Variance> NAMES = Names.of("DDPM variance",
                Names.entry(SMALL, "fixed-small", "small", "fixed_small_log", "posterior", "beta-tilde"),
                Names.entry(LARGE, "fixed-large", "large", "fixed_large_log", "beta"));

        public static Variance parse(String s) {
            return NAMES.parse(s);
        }

        /** The CLI name: fixed-small or fixed-large. */
        public String id() {
            return this == SMALL ? "fixed-small" : "fixed-large";
        }
    }

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
            return mean.add(z.mul(logVar.mul(io.diffusion4j.tensor.PerSample.scalar(0.5, logVar)).exp()));
        }
        double var = variance == Variance.SMALL ? tr.posteriorVariance() : tr.stepVariance();
        return mean.add(z.mul(Math.sqrt(var)));
    }

    @Override
    public String name() {
        return "ddpm(" + variance.name().toLowerCase(Locale.ROOT) + ")";
    }
}
