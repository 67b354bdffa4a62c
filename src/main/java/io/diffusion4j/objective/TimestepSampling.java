package io.diffusion4j.objective;

import io.diffusion4j.naming.Names;

import java.util.Locale;

/**
 * How training draws t, by the names config.json stores: uniformly, or by importance sampling of the variational
 * bound's terms (Nichol &amp; Dhariwal 2021, §3.3, eq. 17).
 */
public enum TimestepSampling {
    UNIFORM, IMPORTANCE;

    /** The stored name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice of that name; a one-line error listing both otherwise. */
    public static TimestepSampling parse(String name) {
        return NAMES.parse(name);
    }

    /** uniform, importance. */
    public static final Names<TimestepSampling> NAMES = Names.of("--t-sampling",
            Names.entry(UNIFORM, "uniform"), Names.entry(IMPORTANCE, "importance"));

    /** A new sampler for T steps (importance sampling holds state, so each training needs its own). */
    public TimestepSampler build(int T) {
        return this == UNIFORM ? TimestepSampler.UNIFORM : new ImportanceTimestepSampler(T);
    }
}
