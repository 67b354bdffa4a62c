package io.diffusion4j.schedule;

import java.util.Locale;

/**
 * How S sampling steps are chosen among 1..T. Every spacing here starts sampling at t = T, so the sampler begins
 * where the prior is, and steps are strictly increasing; the "leading" spacing of early DDIM code, which never
 * visits t = T, is deliberately absent (Lin et al. 2024, §3.3 and Table 2).
 */
public enum Spacing {
    /** τ_i = round(1 + (T − 1)·i/(S − 1)): evenly spaced, both ends included (DDIM "uniform", Song et al. 2021 §D.2). */
    UNIFORM,
    /** τ_i = round(1 + (T − 1)·(i/(S − 1))²): dense near the data (DDIM "quadratic"), bumped to stay strictly increasing. */
    QUADRATIC,
    /** τ_i = T − round(T·i/S), i = 0..S−1: evenly spaced from T downwards (Lin et al. 2024, "trailing"). */
    TRAILING;

    public static Spacing parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown spacing '" + s + "'; use uniform, quadratic or trailing");
        }
    }

    /** The increasing sub-sequence τ_1 &lt; … &lt; τ_S of 1..T. */
    public int[] timesteps(int T, int S) {
        if (S < 1 || S > T) {
            throw new IllegalArgumentException("steps must be in 1.." + T + ", got " + S);
        }
        int[] tau = new int[S];
        if (S == 1) {
            tau[0] = T;
            return tau;
        }
        switch (this) {
            case UNIFORM -> {
                for (int i = 0; i < S; i++) {
                    tau[i] = (int) Math.round(1 + (T - 1) * (double) i / (S - 1));
                }
            }
            case QUADRATIC -> {
                for (int i = 0; i < S; i++) {
                    double f = (double) i / (S - 1);
                    tau[i] = (int) Math.round(1 + (T - 1) * f * f);
                }
            }
            case TRAILING -> {
                for (int i = 0; i < S; i++) {
                    tau[S - 1 - i] = T - (int) Math.round((double) T * i / S);
                }
            }
            default -> throw new AssertionError(this);
        }
        // Keep strictly increasing (rounding may repeat small indices) while ending at T.
        for (int i = 1; i < S; i++) {
            tau[i] = Math.max(tau[i], tau[i - 1] + 1);
        }
        for (int i = S - 1; i >= 0 && tau[i] > T - (S - 1 - i); i--) {
            tau[i] = T - (S - 1 - i);
        }
        return tau;
    }
}
