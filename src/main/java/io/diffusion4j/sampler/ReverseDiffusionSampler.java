package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;

/**
 * The reverse-diffusion predictor (Song et al. 2021, eqs. 45–47 and Algorithms 2–3): discretise the forward SDE on
 * the grid as x_t = α_{t|s}·x_s + σ_{t|s}·z and reverse it, x_s = (2 − α_{t|s})·x_t + σ²_{t|s}·∇log p_t(x_t) +
 * σ_{t|s}·z. With α_{t|s} = 1 this is Algorithm 2's VE predictor (σ_t² − σ_s²), with α_{t|s} = √(1 − β) Algorithm
 * 3's VP one. The step onto DATA is x̂₀. It needs only the levels, so any grid works; one evaluation per step.
 */
public record ReverseDiffusionSampler() implements SingleStepSampler {

    @Override
    public NDArray step(Prediction p, Transition tr, NoiseSource noise) {
        if (tr.to().isData()) {
            return p.x0();
        }
        double var = tr.stepVariance();
        NDArray mean = p.x().mul(2 - tr.alphaTS()).add(p.score().mul(var));
        return mean.add(noise.normal(mean.getManager(), mean.getShape()).mul(Math.sqrt(var)));
    }

    @Override
    public String name() {
        return "reverse-diffusion";
    }
}
