package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.sampler.SingleStepSampler;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Iterative latent variable refinement (Choi et al. 2021, Algorithm 1, eq. 8): after each reverse step the
 * low-frequency content of x_{t−1} is swapped for that of the reference diffused to the same level,
 * x_{t−1} ← x'_{t−1} + φ_N(y_{t−1}) − φ_N(x'_{t−1}), y_{t−1} = α·y_ref + σ·z, with the low-pass filter
 * φ_N = up∘down of a {@link DownSample} (average pooling, then its nearest or bicubic up-sampler). Linear φ_N makes
 * this one line: x + up(down(y_{t−1} − x)). For super-resolution the reference is the up-sampled measurement; with
 * nearest up-sampling the step equals {@link Replacement} for the same operator.
 */
public final class Ilvr implements StepProjection {
    private final DownSample filter;
    private final NDArray reference;

    /** ILVR towards a full-resolution reference image (owned by the caller). */
    public Ilvr(DownSample filter, NDArray reference) {
        this.filter = filter;
        this.reference = reference;
    }

    /** ILVR for super-resolution: the reference is the low-resolution measurement brought up by the filter's up-sampler. */
    public static Ilvr forMeasurement(Measurement m) {
        if (!(m.operator() instanceof DownSample d)) {
            throw new IllegalArgumentException("ILVR needs a down-sampling measurement (task superres), not "
                    + m.operator().name());
        }
        return new Ilvr(d, d.upsample(m.y()));
    }

    @Override
    public NDArray project(NDArray x, NoiseLevel level, NoiseSource noise) {
        NDArray target = Planes.local(reference, x).mul(level.alpha());
        if (!level.isData()) {
            target = target.add(noise.normal(x.getManager(), x.getShape()).toType(x.getDataType(), false)
                    .mul(level.sigma()));
        }
        return x.add(filter.upsample(filter.apply(target.sub(x))));
    }

    /** A sampler that runs {@code base} and refines after every step. */
    public ProjectedSampler sampler(SingleStepSampler base) {
        return new ProjectedSampler(base, this, "ilvr(N=" + filter.factor() + ")");
    }
}
