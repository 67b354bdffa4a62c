package io.diffusion4j.app.mimo;

/**
 * The QAM prior smoothed by Gaussian noise of standard deviation σ, per real dimension: x̃ = x + σ·z with x uniform
 * on the √M PAM amplitudes a_i has density p_σ(x̃) = (1/√M)·Σ_i N(x̃; a_i, σ²), a Gaussian mixture, whose exact score
 * is ∇ log p_σ(x̃) = (E[x | x̃] − x̃)/σ² with E[x | x̃] = Σ_i a_i·softmax_i(−(x̃ − a_i)²/(2σ²)) (Tweedie's formula;
 * the prior score of Zilberstein et al., IEEE TWC 2023). Real and imaginary parts, and streams, are independent, so the score of
 * the whole vector is taken coordinate by coordinate.
 */
public final class SmoothedQamPrior {
    private final double[] amp;

    public SmoothedQamPrior(Qam qam) {
        this.amp = qam.amplitudes();
    }

    /**
     * E[x | x̃] of one coordinate at smoothing σ (the exact denoiser). The weights are taken relative to the nearest
     * level k and the levels beyond it are visited outwards until a weight falls below e⁻⁴⁰ of the nearest one's: the
     * exponent −((x̃ − a_i)² − (x̃ − a_k)²)/(2σ²) decreases monotonically away from k, so every level left out weighs
     * less than e⁻⁴⁰ ≈ 4·10⁻¹⁸ of the total (at small σ only one or two exponentials are computed).
     */
    public double denoise(double xt, double sigma) {
        double inv = 1 / (2 * sigma * sigma);
        int k = nearest(xt);
        double dk = (xt - amp[k]) * (xt - amp[k]);
        double num = amp[k];
        double den = 1;
        for (int dir = -1; dir <= 1; dir += 2) {
            for (int i = k + dir; i >= 0 && i < amp.length; i += dir) {
                double e = -((xt - amp[i]) * (xt - amp[i]) - dk) * inv;
                if (e < -40) {
                    break;
                }
                double w = Math.exp(e);
                num += w * amp[i];
                den += w;
            }
        }
        return num / den;
    }

    private int nearest(double x) {
        double spacing = amp.length > 1 ? (amp[1] - amp[0]) : 1;
        long i = Math.round((x - amp[0]) / spacing);
        return (int) Math.max(0, Math.min(amp.length - 1, i));
    }

    /** ∇ log p_σ at one coordinate. */
    public double score(double xt, double sigma) {
        return (denoise(xt, sigma) - xt) / (sigma * sigma);
    }

    /** The score of every coordinate of {@code x} into {@code out}. */
    public void score(double[] x, double sigma, double[] out) {
        for (int i = 0; i < x.length; i++) {
            out[i] = score(x[i], sigma);
        }
    }

    /** log p_σ of one coordinate. */
    public double logDensity(double xt, double sigma) {
        double max = Double.NEGATIVE_INFINITY;
        double[] l = new double[amp.length];
        for (int i = 0; i < amp.length; i++) {
            l[i] = -(xt - amp[i]) * (xt - amp[i]) / (2 * sigma * sigma);
            max = Math.max(max, l[i]);
        }
        double s = 0;
        for (double v : l) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s / amp.length) - Math.log(sigma * Math.sqrt(2 * Math.PI));
    }
}
