package io.diffusion4j.app.channel.cli;

import io.diffusion4j.app.channel.ChannelType;
import io.diffusion4j.app.channel.PowerConvention;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.Names;
import io.diffusion4j.naming.ValueGrid;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

/** Validation of the channel subcommands' options into one-line {@link IllegalArgumentException}s. */
final class Inputs {
    /** The most Eb/N0 points of one curve. */
    static final int MAX_POINTS = 1_000;

    private Inputs() {
    }

    /** "5", "0,2,4" or "start:stop[:step]" (inclusive) in dB. */
    static double[] ebN0(String s) {
        return ValueGrid.parse("Eb/N0", "dB", s, MAX_POINTS);
    }

    /** A single Eb/N0 value in dB. */
    static double singleEbN0(String s) {
        double[] v = ebN0(s);
        if (v.length != 1) {
            throw new IllegalArgumentException("training needs one Eb/N0, got '" + s + "'; give dB like 5");
        }
        return v[0];
    }

    static int messages(int m) {
        PowerConvention.log2(m);
        return m;
    }

    static int dimension(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n + "; give the number of real channel uses, e.g. --n 7");
        }
        return n;
    }

    static ChannelType channel(String s) {
        return ChannelType.parse(s);
    }

    static String choice(String option, String value, String... allowed) {
        String v = Names.key(value);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw Names.unknown(option, value, List.of(allowed), List.of());
    }

    static int positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " must be >= 1, got " + v);
        }
        return v;
    }

    /** {@code v} within [1, max], else one line naming the option and the limit. */
    static int bounded(String option, long v, int max) {
        return Limits.require(option, v, 1, max);
    }

    /** A count of simulated blocks or errors within [1, max]. */
    static long boundedCount(String option, long v, long max) {
        return Limits.requireLong(option, v, 1, max);
    }

    /** Refuses any of {@code options} the user typed: they do not apply, for the reason given. */
    static void notFor(CommandSpec spec, String reason, String... options) {
        if (spec == null) {
            return;
        }
        List<String> typed = new ArrayList<>();
        for (String o : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
                typed.add(o);
            }
        }
        if (!typed.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", typed) + (typed.size() == 1 ? " does" : " do")
                    + " not apply " + reason + "; drop " + (typed.size() == 1 ? "it" : "them"));
        }
    }
}
