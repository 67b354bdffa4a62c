package io.diffusion4j.sde;

import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.NoiseLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Time grids for score SDEs, as values: {@code steps} noisy levels of the SDE from t = 1 down to t = ε
 * ({@link Sde#tMin()}), then {@link NoiseLevel#DATA}, which samplers reach by one final denoising step
 * (x ← x̂₀, Tweedie; the noise removal of Song et al. 2021 and the last Euler step of Karras et al. 2022, Alg. 1).
 * The levels carry the SDE time t, which the SDE samplers read back.
 */
public final class SdeGrids {
    private SdeGrids() {
    }

    /** t_i uniform in [ε, 1] (Song et al. 2021's samplers). */
    public static TimeGrid uniform(Sde sde, int steps) {
        double[] t = new double[checkSteps(steps)];
        for (int i = 0; i < steps; i++) {
            t[i] = steps == 1 ? 1 : 1 + (sde.tMin() - 1) * i / (steps - 1);
        }
        return of(sde, t);
    }

    /** Log-SNR λ_i uniform between λ(1) and λ(ε) (the spacing of DPM-Solver, Lu et al. 2022, §3.3). */
    public static TimeGrid logSnr(Sde sde, int steps) {
        double hi = sde.marginal(1).logSnr();
        double lo = sde.marginal(sde.tMin()).logSnr();
        double[] t = new double[checkSteps(steps)];
        for (int i = 0; i < steps; i++) {
            t[i] = steps == 1 ? 1 : sde.time(hi + (lo - hi) * i / (steps - 1));
        }
        return of(sde, endpoints(sde, t));
    }

    /**
     * Karras et al. 2022, eq. 5: σ̃_i = (σ̃_max^(1/ρ) + i/(N−1)·(σ̃_min^(1/ρ) − σ̃_max^(1/ρ)))^ρ in the
     * scale-free noise level σ̃ = b_t/a_t (their σ for VP and VE alike); ρ = 7 is their choice.
     */
    public static TimeGrid karras(Sde sde, int steps, double rho) {
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("Karras ρ must be > 0, got " + rho + "; the usual value is 7");
        }
        double sMax = Math.pow(scaleFreeSigma(sde.marginal(1)), 1 / rho);
        double sMin = Math.pow(scaleFreeSigma(sde.marginal(sde.tMin())), 1 / rho);
        double[] t = new double[checkSteps(steps)];
        for (int i = 0; i < steps; i++) {
            double sigma = steps == 1 ? sMax : Math.pow(sMax + (sMin - sMax) * i / (steps - 1), rho);
            t[i] = sde.time(-2 * Math.log(sigma));
        }
        return of(sde, endpoints(sde, t));
    }

    /** The SDE's levels at the given decreasing times in (0, 1], then DATA. */
    public static TimeGrid of(Sde sde, double[] times) {
        List<NoiseLevel> levels = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] > 0 && times[i] <= 1) || (i > 0 && !(times[i] < times[i - 1]))) {
                throw new IllegalArgumentException("SDE grid times must decrease within (0, 1], violated at index " + i);
            }
            levels.add(sde.marginal(times[i]));
        }
        return TimeGrid.of(levels);
    }

    private static double scaleFreeSigma(NoiseLevel l) {
        return l.sigma() / l.alpha();
    }

    /** Pins the ends to exactly 1 and ε (bisection leaves them a rounding error away). */
    private static double[] endpoints(Sde sde, double[] t) {
        t[0] = 1;
        if (t.length > 1) {
            t[t.length - 1] = sde.tMin();
        }
        return t;
    }

    private static int checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        return steps;
    }
}
