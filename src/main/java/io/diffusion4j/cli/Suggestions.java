package io.diffusion4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;

/**
 * The one error line for a misspelt subcommand or option: {@code unknown command 'smaple'; did you mean 'sample'?}.
 * picocli's own {@link UnmatchedArgumentException#printSuggestions} prints a second line with up to three candidates
 * ranked by bigram similarity; here the closest name by optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions, so "smaple" is one edit from "sample") is suggested when it is at most 2 edits away (1 for words of
 * up to 3 letters); otherwise every command is listed (an unknown option keeps picocli's line and the hint to --help).
 */
final class Suggestions {
    private Suggestions() {
    }

    /** The message for an unmatched subcommand or option, or null when the argument is neither. */
    static String message(UnmatchedArgumentException ex) {
        List<String> unmatched = ex.getUnmatched();
        if (unmatched.isEmpty()) {
            return null;
        }
        String word = unmatched.get(0);
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> names = new ArrayList<>();
        String what;
        if (ex.isUnknownOption()) {
            what = "option";
            spec.options().forEach(o -> names.addAll(List.of(o.names())));
        } else if (!spec.subcommands().isEmpty()) {
            what = "command";
            names.addAll(spec.subcommands().keySet());
        } else {
            return null;
        }
        String best = closest(word, names);
        if (best == null) {
            // every command fits on the line; a command's options are for --help to list
            return ex.isUnknownOption() ? null : "unknown command '" + word + "'; use " + String.join("|", names);
        }
        return "unknown " + what + " '" + word + "'; did you mean '" + best + "'?";
    }

    /** The name nearest to {@code word} within the distance allowed for its length, first in order on ties. */
    static String closest(String word, List<String> names) {
        int allowed = word.replaceFirst("^-+", "").length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = allowed + 1;
        for (String n : names) {
            int d = distance(word, n);
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
