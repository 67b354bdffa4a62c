package io.diffusion4j.objective;

import io.diffusion4j.sde.Sde;

import java.util.Locale;

/**
 * A loss weighting by its stored name: one of {@link LossWeighting}'s (none, snr, truncated-snr, snr+1, min-snr-γ) or
 * {@value #LIKELIHOOD}, λ(t) = g(t)² of continuous-time score matching (Song et al. 2021b, Theorem 1), which needs
 * the SDE to be built.
 */
public record WeightingSpec(String id) {
    public static final String LIKELIHOOD = "likelihood";
    /** L_simple: the plain MSE in the network's parametrization. */
    public static final WeightingSpec NONE = new WeightingSpec("none");

    /** Normalises the name (one-line error listing the names otherwise). */
    public WeightingSpec {
        String k = id.toLowerCase(Locale.ROOT);
        id = k.equals(LIKELIHOOD) ? k : LossWeighting.parse(k).id();
    }

    public static WeightingSpec parse(String name) {
        return new WeightingSpec(name);
    }

    /** True for λ = g², which exists for continuous-time runs only. */
    public boolean needsSde() {
        return id.equals(LIKELIHOOD);
    }

    /** The weighting of a discrete-time run. */
    public LossWeighting build() {
        if (needsSde()) {
            throw new IllegalArgumentException("--weighting likelihood (λ = g²) needs --process vp-sde|subvp-sde|ve-sde");
        }
        return LossWeighting.parse(id);
    }

    /** The weighting of a run on {@code sde}. */
    public LossWeighting build(Sde sde) {
        return needsSde() ? ScoreMatchingObjective.likelihoodWeighting(sde) : LossWeighting.parse(id);
    }
}
