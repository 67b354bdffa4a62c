package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.sampler.SingleStepSampler;
import io.diffusion4j.schedule.Transition;

/**
 * A single-step sampler (DDPM, DDIM) followed after every step by a {@link StepProjection}: the replacement
 * method of Song et al. 2021 (score SDE, appendix I.2) and ILVR (Choi et al. 2021, Algorithm 1) are both this loop.
 * They change the state x_{t−1} after the reverse step with fresh noise, which a denoiser decorator cannot do, so
 * they decorate the sampler instead and reuse its per-step memory scoping. Stateless when the base and projection are.
 *
 * @param base       the reverse step
 * @param projection the consistency step applied to each new state
 * @param label      the projection's name in reports
 */
public record ProjectedSampler(SingleStepSampler base, StepProjection projection, String label)
        implements SingleStepSampler {

    @Override
    public NDArray step(Prediction p, Transition tr, NoiseSource noise) {
        return projection.project(base.step(p, tr, noise), tr.to(), noise);
    }

    @Override
    public String name() {
        return base.name() + "+" + label;
    }
}
