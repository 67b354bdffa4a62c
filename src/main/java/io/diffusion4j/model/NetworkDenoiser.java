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
public record NetworkDenoiser(Network network, Parametrization parametrization, NDArray condition) implements Denoiser {

    public NetworkDenoiser(Network network, Parametrization parametrization) {
        this(network, parametrization, null);
    }

    /** The same network bound to another condition. */
    public NetworkDenoiser withCondition(NDArray c) {
        return new NetworkDenoiser(network, parametrization, c);
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        NDArray time = x.getManager().full(new ai.djl.ndarray.types.Shape(x.getShape().get(0)), (float) level.time(), DataType.FLOAT32);
        NDArray out = network.forward(x, time, condition, false);
        return parametrization.predict(out, x, level);
    }
}
