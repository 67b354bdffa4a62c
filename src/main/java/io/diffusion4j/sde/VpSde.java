package io.diffusion4j.sde;

import io.diffusion4j.schedule.NoiseLevel;

/**
 * The variance-preserving SDE dx = −½β(t)x dt + √β(t) dw with β(t) = β_min + t(β_max − β_min), the continuous limit
 * of DDPM's linear schedule (Song et al. 2021, eq. 11 and Appendix B; β_min = 0.1, β_max = 20 matches Ho et al.'s
 * 1e-4…0.02 over T = 1000 steps). Marginal: a_t = exp(−½∫₀ᵗβ), b_t² = 1 − a_t² (eq. 29).
 */
public record VpSde(double betaMin, double betaMax, double tMin) implements Sde {

    public VpSde {
        checkBetas(betaMin, betaMax);
        checkTMin(tMin);
    }

    /** β_min = 0.1, β_max = 20, sampling down to t = 1e-3 (score_sde's defaults). */
    public static VpSde standard() {
        return new VpSde(0.1, 20, 1e-3);
    }

    /** β(t). */
    public double beta(double t) {
        return betaMin + t * (betaMax - betaMin);
    }

    /** ∫₀ᵗ β(s) ds = β_min·t + ½t²(β_max − β_min). */
    public double integratedBeta(double t) {
        return betaMin * t + 0.5 * t * t * (betaMax - betaMin);
    }

    @Override
    public double f(double t) {
        return -0.5 * beta(t);
    }

    @Override
    public double g(double t) {
        return Math.sqrt(beta(t));
    }

    @Override
    public NoiseLevel marginal(double t) {
        double b = integratedBeta(t);
        return new NoiseLevel(Math.exp(-0.5 * b), Math.sqrt(-Math.expm1(-b)), t);
    }

    @Override
    public double priorStd() {
        return 1;
    }

    @Override
    public String id() {
        return "vp-sde";
    }

    static void checkBetas(double betaMin, double betaMax) {
        if (!(betaMin > 0) || !(betaMax >= betaMin) || !Double.isFinite(betaMax)) {
            throw new IllegalArgumentException("need 0 < β_min <= β_max, got " + betaMin + ", " + betaMax
                    + "; the usual values are 0.1 and 20");
        }
    }

    static void checkTMin(double tMin) {
        if (!(tMin > 0 && tMin < 1)) {
            throw new IllegalArgumentException("the sampling end time ε must be in (0, 1), got " + tMin);
        }
    }
}
