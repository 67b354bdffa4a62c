package io.diffusion4j.app.channel;

import java.util.Locale;

/**
 * The exponential power-delay profile of a {@link TappedDelayLine}: L taps at delays l = 0 … L−1 symbol periods
 * with powers p_l = e^{−l/τ} / Σ_{j=0}^{L−1} e^{−j/τ}, so Σ_l p_l = 1 (the channel neither adds nor removes
 * power on average) and p_{l+1}/p_l = e^{−1/τ}. A large τ gives strong late taps; L = 1 is flat block fading.
 *
 * @param taps  L ≥ 1
 * @param decay τ &gt; 0, the decay constant in symbol periods
 */
public record TapProfile(int taps, double decay) {
    /** The channel commands' default: L = 3 taps, τ = 2 symbols (p = 0.506, 0.307, 0.186). */
    public static final TapProfile DEFAULT = new TapProfile(3, 2);

    public TapProfile {
        if (taps < 1) {
            throw new IllegalArgumentException("a tapped delay line needs L >= 1 taps, got " + taps + "; give e.g. --taps 3");
        }
        if (!(decay > 0) || !Double.isFinite(decay)) {
            throw new IllegalArgumentException("the tap decay τ must be a finite number > 0, got " + decay + "; give e.g. --tap-decay 2");
        }
    }

    /** p_0 … p_{L−1}, summing to 1. */
    public double[] powers() {
        double[] p = new double[taps];
        double sum = 0;
        for (int l = 0; l < taps; l++) {
            p[l] = Math.exp(-l / decay);
            sum += p[l];
        }
        for (int l = 0; l < taps; l++) {
            p[l] /= sum;
        }
        return p;
    }

    /**
     * Refuses a block of n real channel uses this profile does not fit: n must be even (I/Q pairs form the N = n/2
     * complex symbols) and the delay spread L − 1 must stay inside the block, L ≤ N.
     */
    public void requireFits(int n) {
        if (n % 2 != 0) {
            throw new IllegalArgumentException("the tapped delay line pairs real channel uses into I/Q symbols, so n must be even, got --n " + n);
        }
        if (taps > n / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--taps %d spans a delay spread of %d symbols, longer than the block of %d complex symbols (n = %d); give --taps <= %d",
                    taps, taps - 1, n / 2, n, n / 2));
        }
    }
}
