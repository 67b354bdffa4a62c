package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;
import io.diffusion4j.noise.NoiseSource;

/**
 * A solid-state power amplifier followed by AWGN. Consecutive real dimensions (2k, 2k+1) form one complex I/Q
 * sample of amplitude A; the Rapp model (Rapp 1991, eq. 1) maps it to g(A) = G·A / (1 + (G·A/A₀)^{2p})^{1/(2p)}
 * with the phase unchanged, i.e. both dimensions are scaled by g(A)/A = G·(1 + (G²A²/A₀²)^p)^{−1/(2p)} (smooth at
 * A = 0, so no division is needed). With n odd the last dimension is a sample with zero quadrature part.
 * Then y = g(x) + σ·z. Defaults of the issue: G = 5, A₀ = 1.5, p = 3.
 */
public record SspaChannel(double sigma, double gain, double saturation, double smoothness) implements Channel {

    public SspaChannel {
        if (!(sigma >= 0) || !(gain > 0) || !(saturation > 0) || !(smoothness > 0)) {
            throw new IllegalArgumentException("SSPA needs σ >= 0 and positive gain, saturation and smoothness");
        }
    }

    /** G = 5, A₀ = 1.5, p = 3. */
    public static SspaChannel rapp(double sigma) {
        return new SspaChannel(sigma, 5, 1.5, 3);
    }

    /** The amplifier alone (no noise): each I/Q pair scaled by g(A)/A. */
    public NDArray amplify(NDArray x) {
        int n = (int) x.getShape().get(1);
        float[] pairs = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pairs[i * n + j] = i / 2 == j / 2 ? 1f : 0f;
            }
        }
        NDArray a2 = x.square().matMul(x.getManager().create(pairs, new ai.djl.ndarray.types.Shape(n, n))); // A² per dimension
        // factors and exponents as arrays PyTorch owns (PerSample.scalar), not op(Number): autograd keeps them
        NDArray ratio = a2.mul(PerSample.scalar(gain * gain / (saturation * saturation), x)).pow(PerSample.scalar(smoothness, x)).add(1)
                .pow(PerSample.scalar(-1 / (2 * smoothness), x)).mul(PerSample.scalar(gain, x));
        return x.mul(ratio);
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        return amplify(x).add(noise.normal(x.getManager(), x.getShape()).muli(sigma));
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "sspa(G=%s,A0=%s,p=%s,σ=%.5f)", gain, saturation, smoothness, sigma);
    }
}
