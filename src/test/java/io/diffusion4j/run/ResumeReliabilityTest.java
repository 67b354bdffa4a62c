package io.diffusion4j.run;

import io.diffusion4j.cli.Main;
import io.diffusion4j.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run resumed after a crash: half-written temp files go, a damaged checkpoint gives way to its spare. */
class ResumeReliabilityTest {

    static String[] train(Path run, String... extra) {
        String[] base = {"train", "--data", "moons", "--n-data", "400", "--hidden", "16", "--steps", "20",
            "--checkpoint-every", "10", "--log-every", "10", "--batch", "32", "--out", run.toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /** A resume names only the run: every other choice is in its config.json, and retyping one is refused. */
    static String[] resume(Path run) {
        return new String[] {"train", "--resume", "--out", run.toString()};
    }

    static String stderrOf(int[] code, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code[0] = Main.execute(args);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resumeRemovesOrphanTempFilesAndFallsBackToTheSpare(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int[] code = new int[1];
        String e = stderrOf(code, train(run));
        assertEquals(0, code[0], e);
        RunDirectory rd = new RunDirectory(run);
        assertTrue(Files.isRegularFile(Checkpoints.previous(rd.checkpoint())), "the spare is kept");
        Path orphan = run.resolve(".model.safetensors.d4j-tmp-" + Long.MAX_VALUE + "-7");
        Files.write(orphan, new byte[100]);
        Path unpromoted = run.resolve("checkpoint.next.safetensors");   // killed between writing and promoting
        Files.write(unpromoted, new byte[100]);
        Files.write(rd.checkpoint(), new byte[0]);   // the crash also emptied the checkpoint
        Files.delete(rd.model());   // killed before the end: the model is written only when training finishes
        e = stderrOf(code, resume(run));
        assertEquals(0, code[0], e);
        assertFalse(Files.exists(orphan) || Files.exists(unpromoted), "orphans removed on resume");
        assertTrue(e.contains("removed 2 unfinished temporary file"), e);
        assertTrue(e.lines().anyMatch(l -> l.startsWith("warning: ") && l.contains("checkpoint.prev.safetensors")), e);
        assertFalse(e.contains("\tat "), e);
        assertTrue(Files.size(rd.checkpoint()) > 0, "the resumed run wrote a new checkpoint");
    }

    @Test
    void sameSeedGivesAByteIdenticalModelFile(@TempDir Path dir) throws Exception {
        int[] code = new int[1];
        stderrOf(code, train(dir.resolve("a")));
        assertEquals(0, code[0]);
        stderrOf(code, train(dir.resolve("b")));
        assertEquals(0, code[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")),
                Files.readAllBytes(dir.resolve("b/model.safetensors")));
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(dir.resolve("a/checkpoint.safetensors")),
                Files.readAllBytes(dir.resolve("b/checkpoint.safetensors")));
    }

    @Test
    void bothCheckpointsBadIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int[] code = new int[1];
        assertEquals("", stderrOf(code, train(run)).lines().filter(l -> l.startsWith("d4j:")).findFirst().orElse(""));
        RunDirectory rd = new RunDirectory(run);
        Files.write(rd.checkpoint(), new byte[] {9, 9, 9});
        Files.delete(rd.model());   // killed before the end
        Files.write(Checkpoints.previous(rd.checkpoint()), new byte[0]);
        String e = stderrOf(code, resume(run));
        assertEquals(2, code[0], e);
        assertEquals(1, e.lines().filter(l -> l.startsWith("d4j:")).count(), e);
        assertFalse(e.contains("\tat "), e);
    }
}
