package io.diffusion4j.sde;

import io.diffusion4j.schedule.NoiseLevel;

/**
 * The sub-VP SDE dx = −½β(t)x dt + √(β(t)(1 − e^(−2∫₀ᵗβ))) dw (Song et al. 2021, eq. 12), with the VP SDE's β(t).
 * Its marginal has the VP mean a_t = exp(−½∫β) but the smaller std b_t = 1 − e^(−∫β) = 1 − a_t² (eq. 29), so
 * a_t² + b_t² ≠ 1: it is a level with a general (alpha, sigma).
 */
public record SubVpSde(double betaMin, double betaMax, double tMin) implements Sde {

    public SubVpSde {
        VpSde.checkBetas(betaMin, betaMax);
        VpSde.checkTMin(tMin);
    }

    /** β_min = 0.1, β_max = 20, sampling down to t = 1e-3. */
    public static SubVpSde standard() {
        return new SubVpSde(0.1, 20, 1e-3);
    }

    private VpSde vp() {
        return new VpSde(betaMin, betaMax, tMin);
    }

    @Override
    public double f(double t) {
        return vp().f(t);
    }

    @Override
    public double g(double t) {
        VpSde vp = vp();
        return Math.sqrt(vp.beta(t) * -Math.expm1(-2 * vp.integratedBeta(t)));
    }

    @Override
    public NoiseLevel marginal(double t) {
        double b = vp().integratedBeta(t);
        return new NoiseLevel(Math.exp(-0.5 * b), -Math.expm1(-b), t);
    }

    @Override
    public double priorStd() {
        return 1;
    }

    @Override
    public String id() {
        return "subvp-sde";
    }
}
