package io.diffusion4j.cli;

import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.diffusion4j.cli.CliTest.assertUserError;
import static io.diffusion4j.cli.CliTest.d4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outputs and sizes are checked before any work: a folder as --out, a missing parent, a /proc path or an empty --out
 * end in one line (exit 2) with nothing written, and sizes past their stated limit end in one line naming the limit,
 * quickly, before anything is allocated.
 */
class FailFastTest {
    /** A bound is refused before any allocation: well under a second of work, a few seconds with JVM noise. */
    private static final long QUICK_MS = 5_000;

    @TempDir
    Path dir;

    private CliTest.Run quick(String... args) {
        long t0 = System.nanoTime();
        CliTest.Run r = d4j(args);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < QUICK_MS, "took " + ms + " ms: " + String.join(" ", args));
        assertEquals("", r.out(), "nothing on stdout before an error");
        return r;
    }

    private static long entries(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.count() - 1;
        }
    }

    @Test
    void aFolderAsOutIsRefusedBeforeSampling() throws IOException {
        assertUserError(quick("sample", "--oracle", "gmm8", "--steps", "5", "--n", "10", "--out", dir.toString()), "is a directory");
        assertEquals(0, entries(dir), "nothing written");
    }

    @Test
    void aMissingParentIsRefusedBeforeSampling() {
        Path out = dir.resolve("missing/x.npy");
        assertUserError(quick("sample", "--oracle", "gmm8", "--steps", "5", "--n", "10", "--out", out.toString()), "does not exist");
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void procAndSysPathsAreRefused() {
        assertUserError(quick("sample", "--oracle", "gmm8", "--steps", "5", "--n", "10", "--out", "/proc/x.npy"), "/proc");
        assertUserError(quick("train", "--data", "moons", "--steps", "5", "--out", "/sys/run"), "/sys");
        assertUserError(quick("schedule", "--plot", "/proc/s.png"), "/proc");
    }

    @Test
    void anEmptyOutIsAnErrorNotTheCurrentFolder() {
        assertUserError(quick("sample", "--oracle", "gmm8", "--steps", "5", "--n", "10", "--out", ""), "--out is empty");
        assertUserError(quick("train", "--data", "moons", "--steps", "5", "--out", ""), "--out is empty");
        assertUserError(quick("channel", "ber", "--ebn0", "0", "--out", ""), "--out is empty");
    }

    @Test
    void aFileWhereTheRunFolderGoesTrainsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertUserError(quick("train", "--data", "moons", "--steps", "5", "--out", file.toString()), "is a file");
        assertUserError(quick("train", "--data", "moons", "--steps", "5", "--out", file.resolve("run").toString()), "is a file");
        assertEquals("x", Files.readString(file));
        assertEquals(1, entries(dir));
    }

    @Test
    void badSamplePlotAndTrajectoryPathsAreFoundFirst() throws IOException {
        Path out = dir.resolve("s.npy");
        assertUserError(quick("sample", "--oracle", "gmm8", "--steps", "5", "--n", "10", "--out", out.toString(),
                "--trajectory", dir.toString()), "--trajectory");
        assertFalse(Files.exists(out), "the samples are not written when another output is bad");
    }

    @Test
    void hugeTIsRefusedNamingTheLimit() throws IOException {
        Path run = dir.resolve("run");
        assertUserError(quick("train", "--data", "moons", "--T", "2000000000", "--out", run.toString()), "" + Limits.MAX_T);
        assertEquals(0, entries(run), "no run folder content");
    }

    @Test
    void hugeBatchIsRefusedNamingTheLimit() throws IOException {
        Path run = dir.resolve("run");
        assertUserError(quick("train", "--data", "moons", "--batch", "2000000000", "--out", run.toString()), "" + Limits.MAX_BATCH);
        assertEquals(0, entries(run));
        assertUserError(quick("sample", "--oracle", "gmm8", "--batch", "2000000000", "--out", dir.resolve("s.npy").toString()),
                "" + Limits.MAX_BATCH);
    }

    @Test
    void hugeHiddenIsRefusedNamingTheLimit() throws IOException {
        Path run = dir.resolve("run");
        assertUserError(quick("train", "--data", "moons", "--hidden", "2000000000", "--out", run.toString()), "" + Limits.MAX_WIDTH);
        assertEquals(0, entries(run));
    }

    @Test
    void aWidthWithinItsLimitButPastMemoryIsRefusedByTheEstimate() throws IOException {
        Path run = dir.resolve("run");
        assertUserError(quick("train", "--data", "moons", "--hidden", "65536", "--out", run.toString()), "native memory");
        assertEquals(0, entries(run));
    }

    @Test
    void optionsThatDoNotApplyAreErrors() {
        assertUserError(quick("channel", "ber", "--max-blocks", "0", "--out", dir.resolve("b").toString()), "--max-blocks");
        assertUserError(quick("train-classifier", "--image-size", "-3", "--out", dir.resolve("c.safetensors").toString()), "--image-size");
        assertUserError(quick("restore", "--run", dir.toString(), "--task", "superres", "--method", "dps", "--input",
                dir.resolve("x.npy").toString(), "--mask", dir.resolve("m.npy").toString(), "--out", dir.resolve("o.npy").toString()),
                "--mask applies to --task inpaint");
    }

    @Test
    void outputPathsHelperChecksFilesAndFolders() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireWritableFile(Path.of(""), "--out"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireWritableFile(dir, "--out"));
        assertThrows(IllegalArgumentException.class, () -> OutputPaths.requireWritableDir(Path.of("/proc/self/x"), "--out"));
        assertEquals(dir.resolve("a.npy"), OutputPaths.requireWritableFile(dir.resolve("a.npy"), "--out"));
        assertEquals(dir.resolve("new/deeper"), OutputPaths.requireWritableDir(dir.resolve("new/deeper"), "--out"));
        assertFalse(Files.exists(dir.resolve("new")), "checking creates nothing");
    }
}
