package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.app.restore.Task.Method;
import io.diffusion4j.cli.Main;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.inverse.GaussianProblem;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.metrics.Psnr;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore entry point with the exact Gaussian prior, and the command's one-line errors (exit 2). */
class RestoreTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void everyTaskAndMethodBeatsItsTrivialBaselineOnGaussianImages() {
        GaussianMixture prior = GaussianProblem.prior();
        MixtureOracle oracle = new MixtureOracle(prior);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        String[][] pairs = {{"inpaint", "replace"}, {"inpaint", "repaint"}, {"inpaint", "dps"}, {"superres", "ilvr"},
                {"superres", "replace"}, {"superres", "dps"}, {"deblur", "dps"}, {"denoise", "dps"}};
        for (String[] pair : pairs) {
            Task task = Task.parse(pair[0]);
            Method method = Method.parse(pair[1]);
            // 4×4 images: ×2 super-resolution, 3×3 blur, σ_y = 0.1, 16 samples, 50 steps, DPS ζ = 0.3.
            RestoreSpec spec = new RestoreSpec(task, method, 2, 0.1, 3, 1.0, 16, 50, 0.3, 5, 2, 7);
            double gain = 0;
            for (int trial = 0; trial < 3; trial++) {
                NDArray truth = prior.sample(1, new NoiseSource(100 + trial)).toNDArray(manager)
                        .toType(DataType.FLOAT64, false).reshape(GaussianProblem.IMAGE);
                Restoration.Result r = Restoration.restore(oracle, schedule, truth, null, spec);
                assertEquals(new Shape(16, 1, 4, 4), r.samples().getShape());
                assertEquals(new Shape(19, 1, 4, 4), r.strip().getShape());
                gain += Psnr.mean(r.mean(), r.input(), 2) - Psnr.mean(r.measurement(), r.input(), 2);
            }
            System.out.printf("restore %s/%s on 4×4 Gaussian images: mean PSNR gain over the trivial inverse %.2f dB%n",
                    pair[0], pair[1], gain / 3);
            // The posterior mean is the MMSE estimate: over 3 truths it must beat the trivial inverse on average.
            // Measured gains: 3.2 to 7.8 dB for inpainting, 0.6 to 1.0 for ×2, 3.0 for blur, 0.5 for denoising.
            assertTrue(gain / 3 > 0, pair[0] + "/" + pair[1] + " gains " + gain / 3 + " dB");
        }
    }

    /** Draws of {@code restoreEach} share the measurements (seeded by the spec alone) and differ in the sampler's noise. */
    @Test
    void drawsShareTheMeasurementAndDifferInTheSample() {
        GaussianMixture prior = GaussianProblem.prior();
        MixtureOracle oracle = new MixtureOracle(prior);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        RestoreSpec spec = new RestoreSpec(Task.SUPERRES, Method.ILVR, 2, 0.1, 3, 1.0, 1, 20, 0.3, 5, 2, 7);
        try (NDManager m = manager.newSubManager()) {
            NDArray truth = prior.sample(3, new NoiseSource(5)).toNDArray(m).toType(DataType.FLOAT64, false)
                    .reshape(new Shape(3).addAll(GaussianProblem.IMAGE));
            Restoration.Result plain = Restoration.restoreEach(x -> oracle, schedule, truth, null, spec);
            Restoration.Result zero = Restoration.restoreEach(x -> oracle, schedule, truth, null, spec, 0);
            Restoration.Result one = Restoration.restoreEach(x -> oracle, schedule, truth, null, spec, 1);
            assertArrayEquals(plain.samples().toDoubleArray(), zero.samples().toDoubleArray(), "draw 0 is the plain form");
            assertArrayEquals(zero.measurement().toDoubleArray(), one.measurement().toDoubleArray(), "one measurement");
            assertTrue(zero.samples().sub(one.samples()).abs().max().getDouble() > 1e-3, "the draws differ");
        }
    }

    record Outcome(int code, String err) {
    }

    /** Runs the command as the CLI does: IllegalArgumentException → one line, exit 2. */
    private static Outcome restore(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new RestoreCommand());
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof Main.UserError) {
                cmd.getErr().println("d4j: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return new Outcome(cl.execute(args), err.toString());
    }

    private static void assertUserError(Outcome o, String mentions) {
        assertEquals(2, o.code(), o.err());
        assertEquals(1, o.err().lines().count(), "one line: " + o.err());
        assertFalse(o.err().contains("\tat "));
        assertTrue(o.err().contains(mentions), o.err() + " should mention " + mentions);
    }

    @Test
    void badInputGivesOneLineErrorsBeforeTheRunIsLoaded(@TempDir Path dir) throws Exception {
        Path image = dir.resolve("img.npy");
        Npy.write(image, new Tensor(new long[] {28, 28}, new float[28 * 28]));
        Path mask = dir.resolve("mask.npy");
        Npy.write(mask, new Tensor(new long[] {32, 32}, new float[32 * 32]));
        String run = dir.resolve("no-such-run").toString();
        String out = dir.resolve("out.npy").toString();
        assertUserError(restore("--run", run, "--task", "inpaint", "--method", "dps", "--input", image.toString(),
                "--mask", mask.toString(), "--out", out), "mask size 32×32 does not match the image 28×28");
        assertUserError(restore("--run", run, "--task", "superres", "--method", "ilvr", "--input", image.toString(),
                "--factor", "3", "--out", out), "factor 3 does not divide the image size 28×28");
        assertUserError(restore("--run", run, "--task", "denoise", "--method", "dps", "--input", image.toString(),
                "--sigma-y", "-0.1", "--out", out), "σ_y must be a finite number ≥ 0");
        assertUserError(restore("--run", run, "--task", "deblur", "--method", "ilvr", "--input", image.toString(),
                "--out", out), "method ilvr does not apply to task deblur; use dps");
        assertUserError(restore("--run", run, "--task", "colorize", "--method", "dps", "--input", image.toString(),
                "--out", out), "unknown task 'colorize'");
        assertUserError(restore("--run", run, "--task", "inpaint", "--method", "dps", "--input",
                dir.resolve("missing.npy").toString(), "--out", out), "does not exist");
        assertUserError(restore("--run", run, "--task", "inpaint", "--method", "dps", "--input", image.toString(),
                "--out", out), "no-such-run");
    }

    @Test
    void restoresWithATrainedRunAndWritesTheStripReproducibly(@TempDir Path dir) throws Exception {
        // A tiny MLP trained briefly on 16-d Gaussian rows: the command's plumbing, not the prior's quality.
        io.diffusion4j.data.Points data = GaussianProblem.prior().sample(512, new NoiseSource(1));
        Path rows = dir.resolve("rows.npy");
        Npy.write(rows, new Tensor(new long[] {data.n(), data.d()}, data.values()));
        Path run = dir.resolve("run");
        int code = Main.execute("train", "--data", rows.toString(), "--hidden", "32", "--steps", "5", "--batch", "64", "--log-every", "5",
                "--T", "100", "--out", run.toString());
        assertEquals(0, code);
        Path image = dir.resolve("img.npy");
        Npy.write(image, new Tensor(new long[] {1, 4, 4}, data.slice(0, 1).values()));
        Path[] outs = {dir.resolve("a.npy"), dir.resolve("b.npy")};
        for (Path out : outs) {
            Outcome o = restore("--run", run.toString(), "--task", "superres", "--method", "dps", "--factor", "2",
                    "--input", image.toString(), "--samples", "3", "--steps", "10", "--seed", "5", "--out",
                    dir.resolve("restored.npy").toString(), "--strip", out.toString());
            assertEquals(0, o.code(), o.err());
        }
        Tensor restored = Npy.read(dir.resolve("restored.npy"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 4, 4}, restored.shape(), "--out is the restored image");
        Tensor t = Npy.read(outs[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(t.data(), 5 * 16, 6 * 16),
                restored.data(), 1e-5f, "the restored image is the strip's last panel, the samples' mean");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {6, 1, 4, 4}, t.shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(data.slice(0, 1).values(),
                java.util.Arrays.copyOf(t.data(), 16), 1e-5f, "first panel is the input, in data units");
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.nio.file.Files.readAllBytes(outs[0]),
                java.nio.file.Files.readAllBytes(outs[1]), "same seed, same bytes");
    }

    /** PNG in and out: a PNG mask of the wrong size is refused; SR3 writes input | measurement | K samples | mean. */
    @Test
    void pngInputMaskAndStripWithSr3(@TempDir Path dir) throws Exception {
        io.diffusion4j.data.image.ImageSet test = io.diffusion4j.data.image.FashionMnist.bundled()
                .load(io.diffusion4j.data.image.FashionMnist.Split.TEST);
        Path image = dir.resolve("img.png");
        io.diffusion4j.data.image.Png.write(image, test, 0, 1);
        Path mask = dir.resolve("mask.png");
        io.diffusion4j.data.image.Png.write(mask, new io.diffusion4j.data.image.ImageSet(1, 1, 14, 14, new float[196], null, null), 0, 1);
        assertUserError(restore("--run", dir.toString(), "--task", "inpaint", "--method", "replace", "--input",
                image.toString(), "--mask", mask.toString(), "--out", dir.resolve("o.png").toString()),
                "mask size 14×14 does not match the image 28×28");
        assertUserError(restore("--run", dir.toString(), "--task", "inpaint", "--method", "replace", "--input",
                image.toString(), "--out", dir.resolve("o.jpg").toString()), "--out must name a .png image or a .npy array");
        Path model = dir.resolve("sr3");
        io.diffusion4j.model.UNetSpec spec = new io.diffusion4j.model.UNetSpec(1, 28, 28, 8, new int[] {1, 2}, 1,
                new int[0], 4, 0, 0, 1, 1);
        try (NDManager m = Engines.newManager(); Sr3 sr3 = Sr3.train(test.head(8), spec, 4,
                io.diffusion4j.train.TrainConfig.defaults(1, 2, 0), m, io.diffusion4j.train.TrainListener.NONE)) {
            sr3.save(model, java.util.Map.of());
        }
        assertUserError(restore("--run", model.toString(), "--task", "superres", "--method", "sr3", "--factor", "2",
                "--input", image.toString(), "--out", dir.resolve("o.png").toString()), "trained for ×4");
        Path out = dir.resolve("strip.png");
        Outcome o = restore("--run", model.toString(), "--task", "superres", "--method", "sr3", "--input", image.toString(),
                "--samples", "2", "--steps", "3", "--scale", "2", "--out", dir.resolve("restored.png").toString(),
                "--strip", out.toString());
        assertEquals(0, o.code(), o.err());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.toFile());
        assertEquals(5 * 56 + 6 * 2, png.getWidth(), "input, measurement, 2 samples, mean at ×2 with 2-pixel gutters");
        assertEquals(56 + 2 * 2, png.getHeight());
        // the first panel is the input PNG itself
        java.awt.image.BufferedImage in = javax.imageio.ImageIO.read(image.toFile());
        assertEquals(in.getRaster().getSample(14, 14, 0), png.getRaster().getSample(2 + 28, 2 + 28, 0));
        // --measured: the input is the low-resolution image itself, restored ×4 to the model's 28×28
        Path low = dir.resolve("low.png");
        io.diffusion4j.data.image.Png.write(low, new io.diffusion4j.data.image.ImageSet(1, 1, 7, 7, new float[49], null, null), 0, 1);
        Path high = dir.resolve("high.npy");
        Outcome mo = restore("--run", model.toString(), "--task", "superres", "--method", "sr3", "--input", low.toString(),
                "--measured", "--steps", "2", "--out", high.toString(), "--strip", dir.resolve("ms.npy").toString());
        assertEquals(0, mo.code(), mo.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 28, 28}, Npy.read(high).shape());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {3, 1, 28, 28}, Npy.read(dir.resolve("ms.npy")).shape(),
                "measurement | 1 sample | mean: no clean input under --measured");
    }
}
