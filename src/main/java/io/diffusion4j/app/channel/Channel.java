package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;

/**
 * A channel p(y | x) acting on a batch of real channel inputs x of shape (B, n): the true channels (AWGN, Rayleigh
 * block fading, SSPA + AWGN) and learned channel models (diffusion, WGAN) alike. Outputs live in x's manager and
 * are differentiable in x, so an autoencoder can be trained through any of them. All randomness comes from the
 * noise source.
 */
public interface Channel {

    /** Channel outputs y (B, n) for inputs x (B, n). */
    NDArray transmit(NDArray x, NoiseSource noise);

    /** A short name for reports, e.g. "awgn(σ=0.526)". */
    String name();

    /** {@code sigma} when it is a finite noise std >= 0; a one-line error otherwise. */
    static double requireNoiseStd(double sigma) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("noise std must be >= 0, got " + sigma);
        }
        return sigma;
    }
}
