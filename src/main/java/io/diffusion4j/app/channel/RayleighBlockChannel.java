package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;

/**
 * Rayleigh block fading: one gain per codeword, y = h·x + σ·z with h = √(u² + v²)/√2, u, v ~ N(0, 1), so that
 * E[h²] = 1 and the average Eb/N0 follows the package's power convention. With perfect channel-state information
 * at the receiver ({@code equalised}) the output is h⁻¹·y = x + (σ/h)·z.
 */
public record RayleighBlockChannel(double sigma, boolean equalised) implements Channel {

    public RayleighBlockChannel {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise std must be >= 0, got " + sigma);
        }
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        int b = (int) x.getShape().get(0);
        float[] h = new float[b];
        for (int i = 0; i < b; i++) {
            double u = noise.nextGaussian();
            double v = noise.nextGaussian();
            h[i] = (float) Math.sqrt((u * u + v * v) / 2);
        }
        NDArray gain = x.getManager().create(h, new Shape(b, 1));
        NDArray z = noise.normal(x.getManager(), x.getShape()).muli(sigma);
        return equalised ? x.add(z.divi(gain)) : x.mul(gain).addi(z);
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "rayleigh%s(σ=%.5f)", equalised ? "-csi" : "", sigma);
    }
}
