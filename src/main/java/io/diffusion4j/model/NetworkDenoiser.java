package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * A trained network seen as a {@link Denoiser}: feeds x and the level's time to the network and turns the raw
 * output into a {@link Prediction} through the parametrization it was trained with. A condition (labels, channel
 * inputs), when bound, is passed with every call; its batch must match x's.
 */
public record NetworkDenoiser(Network network, Parametrization parametrization, NDArray condition, NDArray guidance)
        implements Denoiser {

    public NetworkDenoiser(Network network, Parametrization parametrization, NDArray condition) {
        this(network, parametrization, condition, null);
    }

    public NetworkDenoiser(Network network, Parametrization parametrization) {
        this(network, parametrization, null);
    }

    /** The same network bound to another condition. */
    public NetworkDenoiser withCondition(NDArray c) {
        return new NetworkDenoiser(network, parametrization, c, guidance);
    }

    /**
     * The same network fed the guidance weights w (B) as an input: a guided-distillation student's guided output in
     * one evaluation (Meng et al. 2023), where classifier-free guidance needs two.
     */
    public NetworkDenoiser withGuidance(NDArray w) {
        return new NetworkDenoiser(network, parametrization, condition, w);
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        NDArray time = x.getManager().full(new ai.djl.ndarray.types.Shape(x.getShape().get(0)), (float) level.time(), DataType.FLOAT32);
        NDArray out = network.forward(x, time, condition, guidance, false);
        return parametrization.predict(out, x, level);
    }
}
