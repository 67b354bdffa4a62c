package io.diffusion4j.schedule;

import java.util.List;
import java.util.Locale;

/**
 * The configuration of a {@link Schedule} as data: a name, T, optional β end points and the zero-terminal-SNR flag.
 * It round-trips through JSON in a run's {@code config.json}. Null β end points take the published defaults for the
 * name; for linear, quadratic and sigmoid those are Ho et al.'s 1e-4 … 0.02 scaled by 1000/T (Nichol &amp; Dhariwal's
 * rule), so that short schedules still reach a small terminal SNR.
 */
public record ScheduleSpec(String name, int T, Double betaStart, Double betaEnd, boolean zeroTerminalSnr) {

    /** The schedule names understood by {@link #build()}. */
    public static final List<String> NAMES = List.of("linear", "scaled-linear", "quadratic", "sigmoid", "cosine", "constant");

    public ScheduleSpec {
        name = name == null ? null : name.toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown schedule '" + name + "'; use one of " + String.join(", ", NAMES));
        }
        if (T < 1) {
            throw new IllegalArgumentException("T must be >= 1, got " + T);
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
