package io.diffusion4j.app.codes;

import io.diffusion4j.noise.NoiseSource;

/**
 * BPSK over AWGN at Eb/N0 for a code of rate R: bit b is sent as x = 1 − 2b with Es = 1, so Eb = 1/R and the noise
 * standard deviation per real dimension is σ = √(1 / (2·R·Eb/N0)); the channel LLR is log p(y|0)/p(y|1) = 2y/σ².
 * The one place of the package where Eb/N0 and the rate meet.
 */
public record AwgnBpsk(double ebN0Db, double rate) {

    public AwgnBpsk {
        if (!Double.isFinite(ebN0Db) || !(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("need a finite Eb/N0 and a rate in (0, 1], got " + ebN0Db + " dB, R = " + rate);
        }
    }

    public double sigma() {
        return Math.sqrt(1 / (2 * rate * Math.pow(10, ebN0Db / 10)));
    }

    /** y = (1 − 2b) + σ·z for every bit of {@code bits}. */
    public float[] transmit(int[] bits, NoiseSource noise) {
        float s = (float) sigma();
        float[] z = noise.normalFloats(bits.length);
        float[] y = new float[bits.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = 1 - 2 * bits[i] + s * z[i];
        }
        return y;
    }

    /** The channel LLRs 2y/σ². */
    public static float[] llr(float[] y, double sigma) {
        float f = (float) (2 / (sigma * sigma));
        float[] l = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            l[i] = f * y[i];
        }
        return l;
    }
}
