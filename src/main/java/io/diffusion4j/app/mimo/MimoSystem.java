package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;

/**
 * N_T transmit streams of QAM symbols into N_R receive antennas through a channel law, under {@link MimoPower}.
 *
 * @param nt      transmit antennas (users)
 * @param nr      receive antennas
 * @param qam     the constellation
 * @param channel the law of H
 */
public record MimoSystem(int nt, int nr, Qam qam, ChannelModel channel) {

    public MimoSystem {
        if (nt < 1 || nr < 1) {
            throw new IllegalArgumentException("need --nt and --nr >= 1, got " + nt + " and " + nr);
        }
    }

    /** One use: the observation and the transmitted levels (2N_T, real parts first). */
    public record Transmission(Observation observation, int[] levels) {
    }

    /** Draws H, uniform symbols and the noise at {@code snrDb} from {@code noise}. */
    public Transmission transmit(double snrDb, NoiseSource noise) {
        return transmit(channel.draw(nr, nt, noise).real(), snrDb, noise);
    }

    /** Uniform symbols through the given real-valued channel h (2N_R × 2N_T) and the noise at {@code snrDb}. */
    public Transmission transmit(double[][] h, double snrDb, NoiseSource noise) {
        int[] levels = noise.ints(2 * nt, 0, qam.side() - 1);
        double var = MimoPower.noiseVariance(snrDb, nt);
        double[] y = Matrices.multiply(h, qam.amplitudes(levels));
        double sd = Math.sqrt(var);
        for (int i = 0; i < y.length; i++) {
            y[i] += sd * noise.nextGaussian();
        }
        return new Transmission(new Observation(h, y, var), levels);
    }
}
