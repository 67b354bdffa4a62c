package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;

/**
 * The one place the package's power convention lives (see the package documentation): unit average energy per real
 * dimension, and σ = 1/√(2·R·Eb/N0) per real dimension at rate R bits per real dimension.
 */
public final class PowerConvention {
    private PowerConvention() {
    }

    /** 10^(dB/10). */
    public static double fromDb(double db) {
        return Math.pow(10, db / 10);
    }

    /** R = log₂M / n bits per real dimension. */
    public static double rate(int messages, int n) {
        return (double) log2(messages) / n;
    }

    /** σ = 1/√(2·R·Eb/N0), the noise standard deviation per real dimension. */
    public static double noiseStd(double ebN0Db, double rate) {
        if (!Double.isFinite(ebN0Db)) {
            throw new IllegalArgumentException("Eb/N0 must be a finite number of dB, got " + ebN0Db);
        }
        return 1 / Math.sqrt(2 * rate * fromDb(ebN0Db));
    }

    /** σ for M messages in n real dimensions at Eb/N0 in dB. */
    public static double noiseStd(double ebN0Db, int messages, int n) {
        return noiseStd(ebN0Db, rate(messages, n));
    }

    /** Per-codeword normalisation x ← √n·x/‖x‖, so that ‖x‖² = n exactly (differentiable; rows of a (B, n) batch). */
    public static NDArray normalize(NDArray x) {
        long n = x.getShape().get(1);
        // √n as an array PyTorch owns (PerSample.scalar), not op(Number), since autograd keeps the factor
        return x.mul(PerSample.scalar(Math.sqrt(n), x)).div(x.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    }

    /** log₂ of a message count; M must be a power of two ≥ 2. */
    public static int log2(int messages) {
        if (messages < 2 || Integer.bitCount(messages) != 1) {
            throw new IllegalArgumentException("M must be a power of two >= 2, got " + messages);
        }
        return Integer.numberOfTrailingZeros(messages);
    }
}
