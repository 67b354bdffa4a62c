package io.diffusion4j.sde;

/**
 * The continuous-time process of a score-matching run as config.json stores it: the kind ({@code process}) and, for
 * the VE SDE, σ_max ({@code sigmaMax}, null for VP and sub-VP).
 */
public record ProcessSpec(ProcessKind kind, Double sigmaMax) {

    public ProcessSpec {
        if (kind == null) {
            throw new IllegalArgumentException("a process needs a kind: " + ProcessKind.choices());
        }
        if (kind == ProcessKind.VE && sigmaMax == null) {
            throw new IllegalArgumentException("a ve-sde process needs sigmaMax");
        }
        if (kind != ProcessKind.VE) {
            sigmaMax = null;
        }
    }

    /** The process of that name; {@code sigmaMax} is kept for ve-sde only. */
    public static ProcessSpec of(String name, Double sigmaMax) {
        return new ProcessSpec(ProcessKind.parse(name), sigmaMax);
    }

    /** The stored name, e.g. vp-sde. */
    public String id() {
        return kind.id();
    }

    public Sde build() {
        return kind.build(sigmaMax == null ? 1 : sigmaMax);
    }
}
