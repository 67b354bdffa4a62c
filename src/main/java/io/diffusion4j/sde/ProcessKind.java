package io.diffusion4j.sde;

import io.diffusion4j.naming.Names;

import java.util.Arrays;
import java.util.List;

/**
 * The continuous-time processes a run can be trained and sampled with, by the names config.json stores in its
 * {@code process} key (Song et al. 2021, §3.4): the variance-preserving, sub-VP and variance-exploding SDEs.
 */
public enum ProcessKind {
    VP("vp-sde", "vp"),
    SUBVP("subvp-sde", "sub-vp-sde", "subvp"),
    VE("ve-sde", "ve");

    private final List<String> names;

    ProcessKind(String... names) {
        this.names = List.of(names);
    }

    /** The stored (canonical) name. */
    public String id() {
        return names.get(0);
    }

    /** Every process under its id and aliases. */
    private static final Names<ProcessKind> NAMES = Names.of("process",
            Arrays.stream(values()).map(p -> new Names.Entry<>(p, p.id(), p.names.subList(1, p.names.size()))).toList());

    /** The canonical names joined by '|', for messages and help. */
    public static String choices() {
        return NAMES.choices();
    }

    /** The process of that name or alias (case and _/- ignored); a one-line error listing every name otherwise. */
    public static ProcessKind parse(String name) {
        return NAMES.parse(name);
    }

    /** The SDE itself; {@code veSigmaMax} is read by the VE process alone. */
    public Sde build(double veSigmaMax) {
        return switch (this) {
            case VP -> VpSde.standard();
            case SUBVP -> SubVpSde.standard();
            case VE -> {
                if (!(veSigmaMax > 0.01 && Double.isFinite(veSigmaMax))) {
                    throw new IllegalArgumentException("--sigma-max must be > 0.01, got " + veSigmaMax
                            + "; use about the largest distance between data points");
                }
                yield VeSde.of(veSigmaMax);
            }
        };
    }
}
