package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;

import java.util.Locale;

/**
 * A tapped delay line (frequency-selective block fading; e.g. Tse &amp; Viswanath 2005, §2.2.3, eq. 2.35, and §3.4.4
 * for the cyclic prefix). The real channel uses (2k, 2k+1) of a block form complex symbols s_k = x_{2k} + i·x_{2k+1},
 * k = 0 … N−1, N = n/2. Tap gains h_l ~ CN(0, p_l) of the {@link TapProfile}, independent, drawn once per block
 * (per row of the batch); then
 * <ul>
 *   <li>without cyclic prefix: r_k = Σ_{l=0}^{min(k, L−1)} h_l·s_{k−l}, the linear convolution of a block sent after
 *       silence (a zero guard, no inter-block interference), truncated to its N outputs;</li>
 *   <li>with cyclic prefix: the transmitter prepends s_{N−L+1} … s_{N−1}, the receiver drops them, so
 *       r_k = Σ_l h_l·s_{(k−l) mod N}, a circular convolution (the L−1 prefix symbols are not charged to Eb/N0);</li>
 * </ul>
 * and y = r + σ·z, z ~ N(0, I_n) per real dimension. In real coordinates h_l·s = a_l·s + b_l·(i·s) with a_l, b_l ~
 * N(0, p_l/2) and i·s = J·x, (Jx)_{2k} = −x_{2k+1}, (Jx)_{2k+1} = x_{2k}; with S_l the (linear or cyclic) delay by l
 * symbols, y = Σ_l (a_l·S_l x + b_l·S_l J x) + σz. Given x, y is Gaussian with
 * Cov(y | x) = Σ_l (p_l/2)·(u_l u_lᵀ + v_l v_lᵀ) + σ²I, u_l = S_l x, v_l = S_l J x, whose diagonal is
 * Σ_l (p_l/2)·|s_{k−l}|² + σ² on both components of symbol k: a continuous Gaussian scale mixture over the taps,
 * of rank ≤ 2L + noise per block. Differentiable in x.
 */
public record TappedDelayLine(double sigma, TapProfile profile, boolean cyclicPrefix) implements Channel {

    public TappedDelayLine {
        Channel.requireNoiseStd(sigma);
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        int b = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        profile.requireFits(n);
        double[] p = profile.powers();
        float[] std = new float[2 * p.length];
        for (int l = 0; l < p.length; l++) {
            std[2 * l] = (float) Math.sqrt(p[l] / 2);
            std[2 * l + 1] = std[2 * l];
        }
        NDArray gains = noise.normal(x.getManager(), new Shape(b, 2L * p.length)).muli(x.getManager().create(std, new Shape(1, std.length)));
        NDArray z = noise.normal(x.getManager(), x.getShape()).muli(sigma);
        return convolve(x, gains).addi(z);
    }

    /**
     * The noiseless block convolution r for given taps: {@code gains} (B, 2L) holds (Re h_l, Im h_l) of each row's
     * taps at columns (2l, 2l+1).
     */
    public NDArray convolve(NDArray x, NDArray gains) {
        int b = (int) x.getShape().get(0);
        int n = (int) x.getShape().get(1);
        int taps = profile.taps();
        NDArray w = x.getManager().create(delays(n, taps, cyclicPrefix), new Shape(n, 2L * taps * n));
        // (B, 2L, n): row 2l is S_l x, row 2l+1 is S_l J x; weighted by a_l and b_l and summed over the taps
        return x.matMul(w).reshape(b, 2L * taps, n).mul(gains.expandDims(2)).sum(new int[] {1});
    }

    /** The (n, 2L·n) matrix whose column blocks are (S_l)ᵀ and (S_l J)ᵀ, so that x·W stacks S_l x and S_l J x. */
    static float[] delays(int n, int taps, boolean cyclic) {
        int symbols = n / 2;
        int cols = 2 * taps * n;
        float[] w = new float[n * cols];
        for (int l = 0; l < taps; l++) {
            for (int k = 0; k < symbols; k++) {
                int m = k - l;
                if (m < 0 && !cyclic) {
                    continue;
                }
                m = Math.floorMod(m, symbols);
                int a = 2 * l * n;
                int bb = (2 * l + 1) * n;
                w[(2 * m) * cols + a + 2 * k] = 1;          // (S_l x)_{2k} = x_{2m}
                w[(2 * m + 1) * cols + a + 2 * k + 1] = 1;  // (S_l x)_{2k+1} = x_{2m+1}
                w[(2 * m + 1) * cols + bb + 2 * k] = -1;    // (S_l J x)_{2k} = −x_{2m+1}
                w[(2 * m) * cols + bb + 2 * k + 1] = 1;     // (S_l J x)_{2k+1} = x_{2m}
            }
        }
        return w;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "tdl%s(L=%d,τ=%s,σ=%.5f)", cyclicPrefix ? "-cp" : "", profile.taps(), profile.decay(), sigma);
    }
}
