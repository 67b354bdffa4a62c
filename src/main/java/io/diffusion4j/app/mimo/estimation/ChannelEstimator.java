package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.noise.NoiseSource;

/** An estimate of vec(H) ({@link ChannelVector} layout) from received pilots, for a batch of soundings. */
public interface ChannelEstimator {

    /** ls, lmmse, diffusion, … for reports. */
    String id();

    /** One estimate per row of {@code y} (received pilots), all with noise variance σ² per real dimension. */
    double[][] estimate(double[][] y, double noiseVariance, NoiseSource noise);
}
