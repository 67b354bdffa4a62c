package io.diffusion4j.app.mimo;

import io.diffusion4j.noise.NoiseSource;

/** I.i.d. Rayleigh fading: independent CN(0, 1) entries. */
public record RayleighChannel() implements ChannelModel {

    @Override
    public ComplexMatrix draw(int nr, int nt, NoiseSource noise) {
        return ChannelModel.gaussian(nr, nt, noise);
    }

    @Override
    public String id() {
        return "rayleigh";
    }
}
