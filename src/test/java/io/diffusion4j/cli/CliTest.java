package io.diffusion4j.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI contract: JSON keys, files, reproducibility, and one-line errors with exit code 2 on bad input. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static synchronized Run d4j(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Exit 2, and the error is one line starting with "d4j:" with no stack trace. */
    static void assertUserError(Run r, String mentions) {
        assertEquals(2, r.code(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("d4j:")).toList();
        assertEquals(1, lines.size(), "one error line expected: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(lines.get(0).toLowerCase().contains(mentions.toLowerCase()), lines.get(0) + " should mention " + mentions);
    }

    @Test
    void scheduleJsonHasTheContractKeys() {
        Run r = d4j("schedule", "--name", "cosine", "--json");
        assertEquals(0, r.code());
        JsonObject o = new Gson().fromJson(r.out(), JsonObject.class);
        assertEquals("cosine", o.get("name").getAsString());
        assertEquals(1000, o.get("T").getAsInt());
        assertEquals(2.428735e-09, o.get("snr_T").getAsDouble(), 1e-12);
        assertEquals(4.928220e-05, o.get("sqrt_alpha_bar_T").getAsDouble(), 1e-8);
    }

    @Test
    void oracleSampleThenEvalIsReproducible(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        for (Path p : new Path[] {a, b}) {
            Run r = d4j("sample", "--oracle", "gmm8", "--sampler", "ddim", "--steps", "20", "--n", "500", "--seed", "3", "--out", p.toString());
            assertEquals(0, r.code(), r.err());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same seed, same bytes");
        Tensor t = Npy.read(a);
        assertArrayEquals(new long[] {500, 2}, t.shape());
        Run e = d4j("eval", "--samples", a.toString(), "--data", "gmm8", "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject o = new Gson().fromJson(e.out(), JsonObject.class);
        for (String k : new String[] {"swd", "swd_floor", "mmd", "mmd_floor", "mean_err", "cov_err"}) {
            assertTrue(o.has(k), "missing " + k);
        }
        assertTrue(o.get("swd").getAsDouble() < 3 * o.get("swd_floor").getAsDouble(), e.out());
    }

    @Test
    void trainSampleAndResumeRules(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Run t = d4j("train", "--data", "gmm8", "--steps", "60", "--batch", "32", "--hidden", "16,16", "--n-data", "500",
                "--checkpoint-every", "25", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        for (String f : new String[] {"config.json", "model.safetensors", "checkpoint.safetensors", "metrics.csv", "loss.png"}) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertUserError(d4j("train", "--data", "gmm8", "--out", run.toString()), "--resume");
        Run resumed = d4j("train", "--out", run.toString(), "--data", "gmm8", "--resume");
        assertEquals(0, resumed.code(), resumed.err());   // already finished: nothing to do, still fine
        Run s = d4j("sample", "--run", run.toString(), "--steps", "10", "--n", "50", "--out", dir.resolve("s.npy").toString());
        assertEquals(0, s.code(), s.err());
        Run g = d4j("train", "--data", "moons", "--model", "gaussian", "--out", dir.resolve("g").toString());
        assertEquals(0, g.code(), g.err());
        Run gs = d4j("sample", "--run", dir.resolve("g").toString(), "--n", "50", "--out", dir.resolve("g.npy").toString());
        assertEquals(0, gs.code(), gs.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "schedule --name cosinus|unknown schedule",
            "schedule --T 0|T must be",
            "sample --oracle gmm8 --steps 0 --out X.npy|--steps",
            "sample --oracle gmm8 --steps 1001 --out X.npy|--steps",
            "sample --oracle gmm8 --eta -1 --out X.npy|eta",
            "sample --oracle gmm8 --sampler foo --out X.npy|unknown sampler",
            "sample --oracle gmm9 --out X.npy|no oracle",
            "sample --oracle gmm8 --spacing lead --out X.npy|unknown spacing 'lead'; use uniform",
            "sample --run DIR/missing --out X.npy|not found",
            "sample --oracle gmm8 --out X.npy --steps abc|abc",
            "train --data moons --weighting foo --out DIR/r|unknown weighting",
            "train --data moons --prediction score --out DIR/r|unknown prediction",
            "train --data moons --steps 0 --out DIR/r|steps",
            "train --data nosuch --out DIR/r|unknown data set",
            "train --data DIR/missing.npy --out DIR/r|not found",
            "train --data moons --prediction eps --zero-terminal-snr --out DIR/r|--prediction v",
            "eval --samples DIR/missing.npy --data gmm8|not found",
            "train --out DIR/r|--data",
    })
    void badInputIsOneLineAndExitTwo(String spec, @TempDir Path dir) {
        String[] parts = spec.split("\\|");
        String[] args = parts[0].replace("DIR", dir.toString()).replace("X.npy", dir.resolve("x.npy").toString()).split(" ");
        assertUserError(d4j(args), parts[1]);
    }

    @Test
    void corruptRunAndWrongShapesAreUserErrors(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("broken");
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.json"), "{not json");
        assertUserError(d4j("sample", "--run", run.toString(), "--out", dir.resolve("x.npy").toString()), "corrupt");
        Path cube = dir.resolve("cube.npy");
        Npy.write(cube, new Tensor(new long[] {2, 2, 2}, new float[8]));
        assertUserError(d4j("eval", "--samples", cube.toString(), "--data", "gmm8"), "shape");
        assertUserError(d4j("train", "--data", cube.toString(), "--out", dir.resolve("r").toString()), "shape");
        Path three = dir.resolve("three.npy");
        Npy.write(three, new Tensor(new long[] {4, 3}, new float[12]));
        assertUserError(d4j("eval", "--samples", three.toString(), "--data", "gmm8"), "columns");
    }
}
