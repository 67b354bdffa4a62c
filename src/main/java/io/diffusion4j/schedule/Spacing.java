package io.diffusion4j.schedule;

import io.diffusion4j.naming.Names;

/**
 * How S sampling steps are chosen among 1..T. Our index t is diffusers' timestep t − 1 (both have ᾱ_t = Π_{s≤t}(1 −
 * β_s), ours counting from 1), so each formula below is diffusers' {@code timestep_spacing} plus one. Uniform,
 * quadratic and trailing start sampling at t = T, where the prior is; {@link #LEADING} does not, and is here only so
 * that diffusers' default grid can be reproduced (Lin et al. 2024, §3.3 and Table 2). Rounding is numpy's (ties to
 * even, {@link Math#rint}), so the grids agree with diffusers' to the index.
 */
public enum Spacing {
    /**
     * τ_i = 1 + rint(i·(T − 1)/(S − 1)), i = 0..S−1: evenly spaced, both ends included (DDIM "uniform", Song et al.
     * 2021 §D.2). Equals diffusers' {@code linspace}, {@code np.linspace(0, T − 1, S).round()}, plus one, for S ≥ 2;
     * for S = 1 it is {T} (diffusers' linspace gives t = 0 there).
     */
    UNIFORM,
    /** τ_i = round(1 + (T − 1)·(i/(S − 1))²): dense near the data (DDIM "quadratic"), bumped to stay strictly increasing. */
    QUADRATIC,
    /**
     * τ_{S−i} = rint(T − i·T/S), i = 0..S−1: evenly spaced from T downwards (Lin et al. 2024, "trailing"); diffusers'
     * {@code trailing}, {@code np.round(np.arange(T, 0, -T / S)) - 1}, plus one.
     */
    TRAILING,
    /**
     * τ_i = 1 + i·⌊T/S⌋, i = 0..S−1: diffusers' {@code leading} ({@code np.arange(0, S) * (T // S)} with
     * steps_offset 0; Stable Diffusion's config sets 1, which moves every step up by one), plus one. Its largest step
     * is at most T − ⌊T/S⌋ + 1: short of taking all T steps it never visits t = T, so sampling never starts from pure
     * noise and the first step sees a signal the prior does not have (Lin et al. 2024, §3.3: the cause of Stable
     * Diffusion's washed-out brightness). Prefer trailing.
     */
    LEADING;

    /** The --spacing help text: every name, and the warning about leading. */
    public static final String DESCRIPTION = "uniform (diffusers' linspace), quadratic, trailing, or leading (diffusers' "
            + "default for Stable Diffusion; unless every step is taken it never visits t = T, so it never starts from "
            + "pure noise — prefer trailing)";

    /** Our ids, with diffusers' {@code linspace} for uniform. */
    public static final Names<Spacing> NAMES = Names.of("spacing",
            Names.entry(UNIFORM, "uniform", "linspace"),
            Names.entry(QUADRATIC, "quadratic"),
            Names.entry(TRAILING, "trailing"),
            Names.entry(LEADING, "leading"));

    public static Spacing parse(String s) {
        return NAMES.parse(s);
    }

    /** The name config and messages use. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The increasing sub-sequence τ_1 &lt; … &lt; τ_S of 1..T. */
    public int[] timesteps(int T, int S) {
        if (S < 1 || S > T) {
            throw new IllegalArgumentException("steps must be in 1.." + T + ", got " + S);
        }
        int[] tau = new int[S];
        if (S == 1 && this != LEADING) {
            tau[0] = T;
            return tau;
        }
        switch (this) {
            case UNIFORM -> {
                double step = (double) (T - 1) / (S - 1);
                for (int i = 0; i < S; i++) {
                    tau[i] = 1 + (int) Math.rint(i * step);
                }
            }
            case QUADRATIC -> {
                for (int i = 0; i < S; i++) {
                    double f = (double) i / (S - 1);
                    tau[i] = (int) Math.round(1 + (T - 1) * f * f);
                }
                bumpIncreasing(tau, T);
            }
            case TRAILING -> {
                double step = (double) T / S;
                for (int i = 0; i < S; i++) {
                    tau[S - 1 - i] = (int) Math.rint(T - i * step);
                }
            }
            case LEADING -> {
                int step = T / S;
                for (int i = 0; i < S; i++) {
                    tau[i] = 1 + i * step;
                }
            }
            default -> throw new AssertionError(this);
        }
        return tau;
    }

    /** Keeps τ strictly increasing (rounding may repeat small indices) while ending at T. */
    private static void bumpIncreasing(int[] tau, int T) {
        int S = tau.length;
        for (int i = 1; i < S; i++) {
            tau[i] = Math.max(tau[i], tau[i - 1] + 1);
        }
        for (int i = S - 1; i >= 0 && tau[i] > T - (S - 1 - i); i--) {
            tau[i] = T - (S - 1 - i);
        }
    }
}
