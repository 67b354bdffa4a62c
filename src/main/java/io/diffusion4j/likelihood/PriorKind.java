package io.diffusion4j.likelihood;

import io.diffusion4j.data.Points;

import io.diffusion4j.naming.Names;

import java.util.Locale;

/** The prior a run trains with: the standard N(0, I) or PriorGrad's N(μ, diag σ²) fitted to the data (Lee et al. 2022). */
public enum PriorKind {
    STANDARD, PRIORGRAD;

    /** The stored name: standard or priorgrad. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final Names<PriorKind> NAMES = Names.of("--prior", Names.entry(STANDARD, "standard"),
            Names.entry(PRIORGRAD, "priorgrad"));

    public static PriorKind parse(String name) {
        return NAMES.parse(name);
    }

    /** The prior fitted to {@code data} (the standard one needs only its dimension). */
    public PriorGrad fit(Points data) {
        return this == STANDARD ? PriorGrad.standard(data.d()) : PriorGrad.fit(data);
    }
}
