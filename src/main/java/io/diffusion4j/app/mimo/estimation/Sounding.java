package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.MimoPower;
import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;

/**
 * One pilot transmission Y = H·P + N: the true channel h and the received pilots y in the {@link ChannelVector}
 * layouts, and the noise variance per real dimension (the pilot SNR per receive antenna under {@link MimoPower}).
 */
public record Sounding(double[] h, double[] y, double noiseVariance) {

    /** Draws H from {@code channel} and the noise from {@code noise}; {@code b} is {@link PilotMatrix#measurement}. */
    public static Sounding draw(ChannelModel channel, int nr, int nt, double[][] b, double snrDb, NoiseSource noise) {
        double[] h = ChannelVector.of(channel.draw(nr, nt, noise));
        double var = MimoPower.noiseVariance(snrDb, nt);
        double[] y = Matrices.multiply(b, h);
        double sd = Math.sqrt(var);
        for (int i = 0; i < y.length; i++) {
            y[i] += sd * noise.nextGaussian();
        }
        return new Sounding(h, y, var);
    }
}
