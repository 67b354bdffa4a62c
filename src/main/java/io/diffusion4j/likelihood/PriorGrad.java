package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;

/**
 * The diffusion prior N(μ, Σ): standard (μ = 0, Σ = I) or PriorGrad's data-dependent one (Lee et al. 2022, §3.1,
 * Algorithms 1–2) with μ and a diagonal Σ = diag(σ²) from the training data's statistics. PriorGrad's forward process
 * x_t = √ᾱ_t(x₀ − μ) + √(1−ᾱ_t)·ε, ε ~ N(0, Σ), trained with ‖ε − ε_θ‖²_{Σ⁻¹}, is exactly the standard diffusion of
 * the whitened data z = Σ^{−1/2}(x₀ − μ) (substitute ε = Σ^{1/2}ε'): so the toolkit trains and samples in the whitened
 * space, with every schedule, loss and sampler unchanged, and maps samples back. Likelihoods move by the Jacobian:
 * −log p(x) = −log p(z) + Σ_j log σ_j ({@link #inDataUnits}).
 *
 * <p>For Gaussian data with diagonal covariance the whitened data is N(0, I), for which the reverse process with
 * Σ_θ = β_t is exact (Ho et al. 2020, §3.2): the bound is tight at every T.
 */
public record PriorGrad(String id, Normalization whitening) {

    /** The standard prior N(0, I) for d-dimensional data: no whitening. */
    public static PriorGrad standard(int d) {
        return new PriorGrad("standard", Normalization.identity(d));
    }

    /** PriorGrad's N(μ, diag σ²) with the per-dimension mean and standard deviation of the data. */
    public static PriorGrad fit(Points data) {
        return new PriorGrad("priorgrad", Normalization.fit(data));
    }

    /** "standard" or "priorgrad", fitted to {@code data} when data-dependent. */
    public static PriorGrad parse(String name, Points data) {
        return PriorKind.parse(name).fit(data);
    }

    /** Data → the space the model is trained and sampled in. */
    public Points whiten(Points x) {
        return whitening.apply(x);
    }

    /** The law of the whitened data, for the exact oracle. */
    public GaussianMixture whiten(GaussianMixture g) {
        return whitening.apply(g);
    }

    /** Samples of the model (whitened space) → data. */
    public Points unwhiten(Points z) {
        return whitening.invert(z);
    }

    /** n draws of the prior N(μ, Σ) in data space. */
    public Points samplePrior(NDManager manager, int n, NoiseSource noise) {
        NDArray z = noise.normal(manager, new Shape(n, whitening.mean().length));
        return Points.of(whitening.invert(z));
    }

    /** A likelihood of the whitened data expressed for the data. */
    public BoundEstimate inDataUnits(BoundEstimate whitened) {
        return whitened.inDataUnits(whitening);
    }
}
