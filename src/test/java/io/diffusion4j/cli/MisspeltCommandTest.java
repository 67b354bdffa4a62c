package io.diffusion4j.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A misspelt subcommand or option is one line with the nearest name, and exit code 2. */
class MisspeltCommandTest {

    private static String oneLine(String... args) {
        CliTest.Run r = CliTest.d4j(args);
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        return lines.get(0);
    }

    @Test
    void misspeltCommandGetsTheNearestName() {
        assertEquals("d4j: unknown command 'smaple'; did you mean 'sample'? (see 'd4j --help')", oneLine("smaple"));
        assertEquals("d4j: unknown command 'trian'; did you mean 'train'? (see 'd4j --help')", oneLine("trian"));
        assertEquals("d4j: unknown command 'trian-model'; did you mean 'train-model'? (see 'd4j channel --help')",
                oneLine("channel", "trian-model"));
    }

    @Test
    void farFromEveryCommandListsThemAll() {
        String line = oneLine("xyz");
        assertEquals("d4j: unknown command 'xyz'; use demo|schedule|train|sample|distill|eval|restore|channel|mimo|code|train-classifier|help"
                + " (see 'd4j --help')", line);
    }

    @Test
    void misspeltOptionGetsTheNearestName() {
        assertEquals("d4j: unknown option '--nmae'; did you mean '--name'? (see 'd4j schedule --help')",
                oneLine("schedule", "--nmae", "cosine"));
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertEquals(1, Suggestions.distance("smaple", "sample"));
        assertEquals(1, Suggestions.distance("sampel", "sample"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertNull(Suggestions.closest("abc", List.of("demo", "eval")));
    }
}
