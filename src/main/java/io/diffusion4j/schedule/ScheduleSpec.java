package io.diffusion4j.schedule;

import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.Names;

/**
 * The configuration of a {@link Schedule} as data: a name, T, optional β end points and the zero-terminal-SNR flag.
 * It round-trips through JSON in a run's {@code config.json}. Null β end points take the published defaults for the
 * name; for linear, quadratic and sigmoid those are Ho et al.'s 1e-4 … 0.02 scaled by 1000/T (Nichol &amp; Dhariwal's
 * rule), so that short schedules still reach a small terminal SNR.
 *
 * <p>diffusers' {@code beta_schedule} names are accepted and stored as ours: {@code linear} (the same β line; at
 * T = 1000 also the same 1e-4 … 0.02 ends), {@code scaled_linear} (our scaled-linear, √β linear, with Stable
 * Diffusion's 0.00085 … 0.012 by default), {@code squaredcos_cap_v2} (our cosine: s = 0.008, β capped at 0.999) and
 * {@code sigmoid} (β = σ(linspace(−6, 6, T))·(end − start) + start, as ours).
 */
public record ScheduleSpec(String name, int T, Double betaStart, Double betaEnd, boolean zeroTerminalSnr) {

    /** The schedule names understood by {@link #build()}, each mapped to its canonical id; diffusers' as aliases. */
    public static final Names<String> NAMES = Names.of("schedule",
            Names.entry("linear", "linear"),
            Names.entry("scaled-linear", "scaled-linear", "scaled_linear"),
            Names.entry("quadratic", "quadratic"),
            Names.entry("sigmoid", "sigmoid"),
            Names.entry("cosine", "cosine", "squaredcos_cap_v2"),
            Names.entry("constant", "constant"));

    public ScheduleSpec {
        name = NAMES.parse(name);
        if (T < 1 || T > Limits.MAX_T) {
            throw new IllegalArgumentException("T must be between 1 and " + Limits.MAX_T + " (the limit), got " + T);
        }
        for (Double b : new Double[] {betaStart, betaEnd}) {
            if (b != null && !(b > 0 && b <= 1)) {
                throw new IllegalArgumentException("β must be in (0, 1], got " + b);
            }
        }
        if (name.equals("constant") && betaEnd != null && betaStart != null && !betaStart.equals(betaEnd)) {
            throw new IllegalArgumentException("the constant schedule has one β; give --beta-start only");
        }
    }

    public static ScheduleSpec of(String name, int T) {
        return new ScheduleSpec(name, T, null, null, false);
    }

    public ScheduleSpec withZeroTerminalSnr(boolean z) {
        return new ScheduleSpec(name, T, betaStart, betaEnd, z);
    }

    /** Builds the schedule this spec describes. */
    public Schedule build() {
        double scale = 1000.0 / T;
        Schedule s = switch (name) {
            case "linear" -> Schedule.linear(T, or(betaStart, 1e-4 * scale), or(betaEnd, Math.min(0.02 * scale, 0.999)));
            case "scaled-linear" -> Schedule.scaledLinear(T, or(betaStart, 0.00085), or(betaEnd, 0.012));
            case "quadratic" -> Schedule.quadratic(T, or(betaStart, 1e-4 * scale), or(betaEnd, Math.min(0.02 * scale, 0.999)));
            case "sigmoid" -> Schedule.sigmoid(T, or(betaStart, 1e-4 * scale), or(betaEnd, Math.min(0.02 * scale, 0.999)));
            case "cosine" -> Schedule.cosine(T, 0.008, 0.999);
            case "constant" -> Schedule.constant(T, or(betaStart, 0.05));
            default -> throw new AssertionError(name);
        };
        return zeroTerminalSnr ? s.withZeroTerminalSnr() : s;
    }

    private static double or(Double v, double d) {
        return v == null ? d : v;
    }
}
