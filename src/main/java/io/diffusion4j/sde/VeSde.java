package io.diffusion4j.sde;

import io.diffusion4j.data.Points;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * The variance-exploding SDE dx = √(d[σ²(t)]/dt) dw with σ(t) = σ_min·(σ_max/σ_min)^t, the continuous limit of
 * NCSN's geometric noise levels (Song et al. 2021, eq. 9 and 30): f = 0, g(t) = σ(t)·√(2 ln(σ_max/σ_min)), marginal
 * N(x₀, σ(t)²I). σ_max should be about the largest distance between data points (Song &amp; Ermon 2020, Technique 1)
 * so that the prior N(0, σ_max²I) covers the data; {@link #forData} picks it that way.
 */
public record VeSde(double sigmaMin, double sigmaMax, double tMin) implements Sde {

    public VeSde {
        if (!(sigmaMin > 0) || !(sigmaMax > sigmaMin) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException("need 0 < σ_min < σ_max, got " + sigmaMin + ", " + sigmaMax);
        }
        VpSde.checkTMin(tMin);
    }

    /** σ_min = 0.01, the given σ_max, sampling down to t = 1e-5 (score_sde's defaults). */
    public static VeSde of(double sigmaMax) {
        return new VeSde(0.01, sigmaMax, 1e-5);
    }

    /** σ_max = the largest pairwise distance among (up to 2000 of) the points, σ_min = 0.01. */
    public static VeSde forData(Points data) {
        int n = Math.min(data.n(), 2000);
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < data.d(); k++) {
                    double diff = data.get(i, k) - data.get(j, k);
                    s += diff * diff;
                }
                max = Math.max(max, s);
            }
        }
        return of(Math.max(Math.sqrt(max), 1.0));
    }

    /** σ(t) = σ_min·(σ_max/σ_min)^t. */
    public double sigma(double t) {
        return sigmaMin * Math.pow(sigmaMax / sigmaMin, t);
    }

    @Override
    public double f(double t) {
        return 0;
    }

    @Override
    public double g(double t) {
        return sigma(t) * Math.sqrt(2 * Math.log(sigmaMax / sigmaMin));
    }

    @Override
    public NoiseLevel marginal(double t) {
        return new NoiseLevel(1, sigma(t), t);
    }

    @Override
    public double priorStd() {
        return sigmaMax;
    }

    @Override
    public String id() {
        return "ve-sde";
    }
}
