package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;

/** Additive white Gaussian noise: y = x + σ·z, z ~ N(0, I). */
public record AwgnChannel(double sigma) implements Channel {

    public AwgnChannel {
        Channel.requireNoiseStd(sigma);
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        return x.add(noise.normal(x.getManager(), x.getShape()).muli(sigma));
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "awgn(σ=%.5f)", sigma);
    }
}
