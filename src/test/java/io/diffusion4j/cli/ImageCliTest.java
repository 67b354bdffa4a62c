package io.diffusion4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.diffusion4j.cli.CliTest.d4j;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image runs through the CLI: train a tiny U-Net on the bundled Fashion-MNIST subset, load it back, sample, evaluate. */
class ImageCliTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void trainTinyRun() {
        run = dir.resolve("unet");
        CliTest.Run r = d4j("train", "--data", "fashion-mnist", "--model", "unet", "--base", "8", "--steps", "4",
                "--batch", "4", "--checkpoint-every", "2", "--out", run.toString());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aTrainedRunLoadsBackAsAClassConditionalDenoiserWithTheNullClass() throws Exception {
        assertTrue(Files.isRegularFile(run.resolve("model.safetensors")) && Files.isRegularFile(run.resolve("checkpoint.safetensors")));
        try (NDManager m = Engines.newManager(); LoadedRun loaded = LoadedRun.open(new RunDirectory(run), m)) {
            assertTrue(loaded.config().isImage());
            UNetSpec spec = (UNetSpec) loaded.config().network();
            assertEquals(8, spec.base());
            assertEquals(10, loaded.classes());
            assertEquals(10, loaded.nullClass());
            assertEquals(784, loaded.config().data().dim());
            NDArray x = new NoiseSource(1).normal(m, spec.sampleShape(3));
            NoiseLevel level = loaded.schedule().level(500);
            float[] uncond = loaded.denoiser().predict(x, level).eps().toFloatArray();
            assertArrayEquals(new long[] {3, 1, 28, 28}, loaded.denoiser().predict(x, level).eps().getShape().getShape());
            float[] viaNull = loaded.denoiser(m.full(new ai.djl.ndarray.types.Shape(3), 10f)).predict(x, level).eps().toFloatArray();
            assertArrayEquals(uncond, viaNull, "denoiser() is the null-class model");
            float[] cond = loaded.denoiser(m.create(new float[] {0, 1, 2})).predict(x, level).eps().toFloatArray();
            assertFalse(java.util.Arrays.equals(uncond, cond), "labels change the prediction");
        }
    }

    @Test
    void sampleWritesAGridWithOneRowPerClassAndANpyOfImages() throws Exception {
        Path png = dir.resolve("grid.png");
        CliTest.Run r = d4j("sample", "--run", run.toString(), "--steps", "2", "--grid", "10x2", "--guidance", "1", "--out", png.toString());
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertTrue(img.getHeight() > img.getWidth(), "10 rows of 2 columns: " + img.getWidth() + "×" + img.getHeight());
        Path npy = dir.resolve("s.npy");
        r = d4j("sample", "--run", run.toString(), "--steps", "2", "--class", "7", "--n", "3", "--out", npy.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("sample") && r.err().contains("2/2"), "a progress bar over 2 steps × 1 batch: " + r.err());
        io.diffusion4j.io.Tensor t = io.diffusion4j.io.Npy.read(npy);
        assertArrayEquals(new long[] {3, 1, 28, 28}, t.shape());
        for (float v : t.data()) {
            assertTrue(v >= -1 && v <= 1, "pixels in [-1, 1]");
        }
    }

    @Test
    void cfgScaleIsDiffusersGuidanceScaleOneAboveOurWeight() throws Exception {
        Path a = dir.resolve("w1.npy");
        Path b = dir.resolve("s2.npy");
        assertEquals(0, d4j("sample", "--run", run.toString(), "--steps", "2", "--n", "2", "--guidance", "1", "--out", a.toString()).code());
        assertEquals(0, d4j("sample", "--run", run.toString(), "--steps", "2", "--n", "2", "--cfg-scale", "2", "--out", b.toString()).code());
        assertArrayEquals(io.diffusion4j.io.Npy.read(a).data(), io.diffusion4j.io.Npy.read(b).data(), "--cfg-scale 2 is --guidance 1");
        Path c = dir.resolve("w0.npy");
        assertEquals(0, d4j("sample", "--run", run.toString(), "--steps", "2", "--n", "2", "--out", c.toString()).code());
        assertFalse(java.util.Arrays.equals(io.diffusion4j.io.Npy.read(a).data(), io.diffusion4j.io.Npy.read(c).data()), "guidance changes the samples");
        CliTest.assertUserError(d4j("sample", "--run", run.toString(), "--cfg-scale", "0.5", "--out", a.toString()), "--cfg-scale");
        CliTest.assertUserError(d4j("sample", "--run", run.toString(), "--cfg-scale", "2", "--guidance", "1", "--out", a.toString()), "--cfg-scale");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        CliTest.assertUserError(d4j("train", "--data", tmp.resolve("nowhere").toString(), "--model", "unet", "--out",
                tmp.resolve("r").toString()), "dataset-fashion-mnist");
        CliTest.assertUserError(d4j("train", "--data", tmp.resolve("nowhere").toString(), "--model", "unet", "--out",
                tmp.resolve("r").toString()), "--data");
        Path folder = tmp.resolve("mixed");
        Files.createDirectories(folder);
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("a.png").toFile());
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(10, 10, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve("b.png").toFile());
        CliTest.assertUserError(d4j("train", "--data", folder.toString(), "--out", tmp.resolve("r2").toString()), "--image-size");
        Path png = tmp.resolve("x.png");
        CliTest.assertUserError(d4j("sample", "--run", run.toString(), "--class", "10", "--out", png.toString()), "0..9");
        CliTest.assertUserError(d4j("sample", "--run", run.toString(), "--class", "-1", "--out", png.toString()), "0..9");
        CliTest.assertUserError(d4j("sample", "--run", run.toString(), "--guidance", "-1", "--out", png.toString()), "--guidance");
        CliTest.assertUserError(d4j("eval", "--run", run.toString(), "--metric", "fid", "--eta", "-1"), "--eta");
        CliTest.assertUserError(d4j("eval", "--run", run.toString(), "--metric", "fid", "--guidance", "-2"), "--guidance");
        CliTest.assertUserError(d4j("eval", "--run", run.toString(), "--metric", "fid", "--bootstrap", "1"), "--bootstrap");
        CliTest.assertUserError(d4j("eval", "--run", run.toString(), "--metric", "psnr"), "--metric");
        CliTest.assertUserError(d4j("train", "--out", tmp.resolve("none").toString(), "--resume"), "run directory");
    }
}
