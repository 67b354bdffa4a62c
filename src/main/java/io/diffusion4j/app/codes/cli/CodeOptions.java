package io.diffusion4j.app.codes.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks shared by the {@code code} commands. */
final class CodeOptions {
    static final List<String> DECODERS = List.of("hard", "bp", "ml", "ddecc");

    private CodeOptions() {
    }

    /** The decoder names, lower case, each known and named once. */
    static List<String> decoders(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String r : raw) {
            String d = r.trim().toLowerCase(Locale.ROOT);
            if (!DECODERS.contains(d)) {
                throw new IllegalArgumentException("--decoder " + r + " is not a decoder here; use hard, bp, ml or ddecc");
            }
            if (out.contains(d)) {
                throw new IllegalArgumentException("--decoder names " + d + " twice");
            }
            out.add(d);
        }
        return out;
    }

    /** Refuses any of {@code options} the user typed. */
    static void notFor(CommandSpec spec, String reason, String... options) {
        for (String o : options) {
            if (spec != null && spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new IllegalArgumentException(o + " does not apply " + reason + "; drop it");
            }
        }
    }
}
