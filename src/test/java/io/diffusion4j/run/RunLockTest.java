package io.diffusion4j.run;

import io.diffusion4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One writer per run directory: a second one, in this JVM or another process, is refused naming the holder. */
class RunLockTest {
    static final long PID = ProcessHandle.current().pid();

    @Test
    void anotherThreadOfThisProcessIsRefusedTheHolderMayReenter(@TempDir Path dir) throws Exception {
        try (RunLock held = RunLock.acquire(dir)) {
            Exception[] seen = new Exception[1];
            Thread other = new Thread(() -> {
                try {
                    RunLock.acquire(dir).close();
                } catch (Exception e) {
                    seen[0] = e;
                }
            });
            other.start();
            other.join();
            assertTrue(seen[0] instanceof IllegalArgumentException, String.valueOf(seen[0]));
            assertTrue(seen[0].getMessage().startsWith(dir + " is in use by process " + PID), seen[0].getMessage());
            RunLock.acquire(dir).close();   // the holder re-enters; closing the inner hold keeps the outer one
            Process p = probe(dir, false);
            String line = firstLine(p);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), "still held after the inner close: " + line);
        }
        Process p = probe(dir, false);
        String line = firstLine(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "released by the outer close: " + line);
    }

    @Test
    void anotherProcessIsRefusedWhileWeHoldTheLockAndAdmittedAfter(@TempDir Path dir) throws Exception {
        try (RunLock held = RunLock.acquire(dir)) {
            Process p = probe(dir, false);
            String line = firstLine(p);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue(), line);
            assertTrue(line.startsWith(dir + " is in use by process " + PID), line);
        }
        Process p = probe(dir, false);
        String line = firstLine(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), line);
    }

    @Test
    void trainingIsRefusedWhileAnotherProcessHoldsTheRun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("g");
        Process p = probe(run, true);
        try {
            String line = firstLine(p);
            assertTrue(line.startsWith("locked "), line);
            long holder = Long.parseLong(line.substring(7).trim());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            int code;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.execute("train", "--data", "moons", "--model", "gaussian", "--out", run.toString());
            } finally {
                System.setErr(old);
            }
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, e);
            assertEquals(List.of("d4j: " + run + " is in use by process " + holder), e.lines().filter(l -> l.startsWith("d4j:"))
                    .map(l -> l.substring(0, Math.min(l.length(), ("d4j: " + run + " is in use by process " + holder).length()))).toList());
            assertFalse(e.contains("\tat "), e);
            assertFalse(Files.exists(run.resolve("config.json")), "nothing was written");
        } finally {
            p.getOutputStream().close();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Process probe(Path dir, boolean hold) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(),
                dir.toString(), hold ? "hold" : "once");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "(no output)" : line;
    }
}
