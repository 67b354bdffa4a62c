package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * A network with a learned reverse variance seen as a {@link Denoiser} (Nichol &amp; Dhariwal 2021, §3.1): its output
 * has twice the data channels; the first half goes through the parametrization as usual, the second half is the
 * variance fraction v that the returned {@link Prediction} carries, so the DDPM sampler and the variational bound
 * use Σ_θ = exp(v·log β + (1 − v)·log β̃).
 */
public record LearnedVarianceDenoiser(Network network, Parametrization parametrization, NDArray condition) implements Denoiser {

    public LearnedVarianceDenoiser(Network network, Parametrization parametrization) {
        this(network, parametrization, null);
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        NDArray time = x.getManager().full(new Shape(x.getShape().get(0)), (float) level.time(), DataType.FLOAT32);
        NDList parts = LearnedVariance.split(network.forward(x, time, condition, false));
        return parametrization.predict(parts.get(0), x, level).withVarianceFraction(parts.get(1));
    }
}
