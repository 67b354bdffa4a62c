package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;

import java.util.Locale;

/**
 * Rayleigh fading with a real (coherently detected) gain h = √(u² + v²)/√2, u, v ~ N(0, 1), so that E[h²] = 1
 * (h² ~ Exp(1)) and the average Eb/N0 follows the package's power convention: y = h ⊙ x + σ·z. Block fading
 * ({@code perSymbol} false) draws one gain per codeword; fast fading ({@code perSymbol} true) draws an independent
 * gain for every real channel use, so Cov(y | x) = diag(x_i²·(1 − π/4)) + σ²I there against
 * (1 − π/4)·x xᵀ + σ²I for block fading, with E[y | x] = (√π/2)·x for both. With perfect channel-state information
 * at the receiver ({@code equalised}) the receiver divides by the known gains (zero forcing): the output — what the
 * decoder and a channel model see — is h⁻¹ ⊙ y = x + σ·z/h, not (y, h); for fast fading this discards the per-symbol
 * reliabilities h_i, for block fading it loses nothing a minimum-distance decoder uses.
 */
public record RayleighChannel(double sigma, boolean equalised, boolean perSymbol) implements Channel {

    public RayleighChannel {
        Channel.requireNoiseStd(sigma);
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        int b = (int) x.getShape().get(0);
        int gains = perSymbol ? (int) x.getShape().get(1) : 1;
        float[] h = new float[b * gains];
        for (int i = 0; i < h.length; i++) {
            double u = noise.nextGaussian();
            double v = noise.nextGaussian();
            h[i] = (float) Math.sqrt((u * u + v * v) / 2);
        }
        NDArray gain = x.getManager().create(h, new Shape(b, gains));
        NDArray z = noise.normal(x.getManager(), x.getShape()).muli(sigma);
        return equalised ? x.add(z.divi(gain)) : x.mul(gain).addi(z);
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "rayleigh%s%s(σ=%.5f)", perSymbol ? "-fast" : "", equalised ? "-csi" : "", sigma);
    }
}
