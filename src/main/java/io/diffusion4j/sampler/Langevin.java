package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;

/** One unadjusted Langevin step x ← x + δ·∇log p(x) + √(2δ)·z (Roberts &amp; Tweedie 1996), shared by ALD and PC. */
final class Langevin {
    private Langevin() {
    }

    /** Standard normal z of x's shape and dtype, in x's manager. */
    static NDArray noiseLike(NDArray x, NoiseSource noise) {
        return noise.normal(x.getManager(), x.getShape()).toType(x.getDataType(), false);
    }

    /** δ broadcasts against x (a 0-d array or per-sample (B, 1, …, 1)). */
    static NDArray step(NDArray x, NDArray score, NDArray delta, NDArray z) {
        return x.add(score.mul(delta)).add(z.mul(delta.mul(2).sqrt()));
    }
}
