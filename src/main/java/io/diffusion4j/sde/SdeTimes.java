package io.diffusion4j.sde;

import io.diffusion4j.sde.SdeGrids;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.NoiseLevel;

/** Reads the SDE time t back from a grid level, checking that the level is the SDE's marginal at t. */
public final class SdeTimes {
    private SdeTimes() {
    }

    public static double of(Sde sde, NoiseLevel level) {
        double t = level.time();
        if (t > 0 && t <= 1) {
            NoiseLevel m = sde.marginal(t);
            if (close(m.alpha(), level.alpha()) && close(m.sigma(), level.sigma())) {
                return t;
            }
        }
        throw new IllegalArgumentException("grid level (alpha=" + level.alpha() + ", sigma=" + level.sigma() + ", time="
                + t + ") is not a level of " + sde.id() + "; build the grid with SdeGrids for the same SDE");
    }

    /** The times of the grid's noisy levels (all but the final DATA level). */
    public static double[] noisyTimes(Sde sde, TimeGrid grid) {
        double[] t = new double[grid.steps()];
        for (int i = 0; i < t.length; i++) {
            t[i] = of(sde, grid.level(i));
        }
        return t;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    }
}
