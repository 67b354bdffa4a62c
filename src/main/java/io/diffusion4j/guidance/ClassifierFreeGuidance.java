package io.diffusion4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Classifier-free guidance (Ho &amp; Salimans 2022, eq. 6 / Algorithm 2): ε̃ = (1 + w)·ε(x, c) − w·ε(x, ∅), from a
 * conditional and an unconditional denoiser (usually one network trained with {@link
 * io.diffusion4j.objective.LabelDropout}, bound to the labels and to the null class). w = 0 is the conditional
 * model; larger w trades diversity for fidelity to the class.
 */
public record ClassifierFreeGuidance(Denoiser conditional, Denoiser unconditional, double w) implements Denoiser {

    public ClassifierFreeGuidance {
        requireScale(w);
    }

    /** One class-conditional network guided towards {@code labels} (B) against its null class. */
    public static ClassifierFreeGuidance of(NetworkDenoiser network, NDArray labels, int nullClass, double w) {
        NDArray none = labels.getManager().full(labels.getShape(), nullClass, DataType.FLOAT32);
        return new ClassifierFreeGuidance(network.withCondition(labels), network.withCondition(none), w);
    }

    /** The guidance weight check shared by the CLI: w ≥ 0. */
    public static void requireScale(double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException("guidance weight must be a finite number >= 0, got " + w + "; use --guidance 0 for none");
        }
    }

    /**
     * (1 + w)·c − w·u (eq. 6) for per-sample weights {@code w} broadcast against c. The combination is affine (its
     * weights sum to 1), so it is the same in ε, x̂₀ or v: a guided x̂₀ is (1 + w)·x̂₀(x, c) − w·x̂₀(x, ∅).
     */
    public static NDArray combine(NDArray conditional, NDArray unconditional, NDArray w) {
        return conditional.add(conditional.sub(unconditional).mul(w));
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        NDArray c = conditional.predict(x, level).eps();
        NDArray u = unconditional.predict(x, level).eps();
        return Prediction.fromEps(x, combine(c, u, x.getManager().create((float) w)), level);
    }
}
