package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;

/**
 * DDIM (Song, Meng &amp; Ermon 2021, eq. 12): x_s = α_s·x̂₀ + √(σ_s² − σ_η²)·ε̂ + σ_η·z with
 * σ_η² = η²·β̃ (eq. 16), on any grid. η = 0 is deterministic given x_T; η = 1 on the full grid is DDPM with
 * σ² = β̃. For η &gt; 1 the direction term is clamped at zero where σ_η exceeds σ_s.
 */
public record DdimSampler(double eta) implements SingleStepSampler {

    public DdimSampler {
        if (!(eta >= 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta must be >= 0, got " + eta);
        }
    }

    @Override
    public NDArray step(Prediction p, Transition tr, NoiseSource noise) {
        double varEta = eta * eta * tr.posteriorVariance();
        double sigmaS = tr.to().sigma();
        double dirCoef = Math.sqrt(Math.max(0, sigmaS * sigmaS - varEta));
        // factors as arrays PyTorch owns, not op(Number): a chain that is back-propagated closes each step's arrays
        NDArray next = p.x0().mul(PerSample.scalar(tr.to().alpha(), p.x0())).add(p.eps().mul(PerSample.scalar(dirCoef, p.eps())));
        if (varEta > 0) {
            next = next.add(noise.normal(next.getManager(), next.getShape()).mul(Math.sqrt(varEta)));
        }
        return next;
    }

    @Override
    public String name() {
        return "ddim(eta=" + eta + ")";
    }
}
