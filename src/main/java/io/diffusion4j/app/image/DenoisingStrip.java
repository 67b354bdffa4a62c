package io.diffusion4j.app.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The denoising strip of the course notes: for each of a few images and each chosen t, the noisy x_t = √ᾱ_t x₀ +
 * √(1−ᾱ_t) ε (one ε per image, shared across t) and the model's one-step estimate x̂₀(x_t). Rows come in pairs,
 * x_t above x̂₀; columns are the chosen t from least to most noisy.
 */
public final class DenoisingStrip {
    private DenoisingStrip() {
    }

    /**
     * The strip as an image set of 2·k rows × ts.length columns; {@code model} gives the denoiser for the images'
     * labels (an (k) array, or null when unlabelled).
     */
    public static ImageSet build(ImageSet images, Function<NDArray, Denoiser> model, Schedule schedule, int[] ts,
                                 NoiseSource noise, NDManager manager) {
        int k = images.n();
        int d = images.imageSize();
        float[] px = new float[2 * k * ts.length * d];
        try (NDManager m = manager.newSubManager()) {
            NDArray x0 = images.toNDArray(m);
            NDArray eps = noise.normal(m, x0.getShape());
            NDArray labels = images.labels() == null ? null : m.create(toFloats(images.labels()));
            Denoiser denoiser = model.apply(labels);
            for (int c = 0; c < ts.length; c++) {
                NoiseLevel level = schedule.level(ts[c]);
                NDArray xt = ForwardProcess.qSample(x0, eps, level);
                float[] noisy = xt.clip(-1, 1).toFloatArray();
                float[] est = denoiser.predict(xt, level).x0().clip(-1, 1).toFloatArray();
                for (int i = 0; i < k; i++) {
                    System.arraycopy(noisy, i * d, px, ((2 * i) * ts.length + c) * d, d);
                    System.arraycopy(est, i * d, px, ((2 * i + 1) * ts.length + c) * d, d);
                }
            }
        }
        return new ImageSet(2 * k * ts.length, images.channels(), images.height(), images.width(), px, null, List.of());
    }

    /** Builds the strip and writes it as a PNG grid. */
    public static void write(Path file, ImageSet images, Function<NDArray, Denoiser> model, Schedule schedule, int[] ts,
                             NoiseSource noise, NDManager manager, int scale) throws IOException {
        ImageSet strip = build(images, model, schedule, ts, noise, manager);
        Png.writeGrid(file, strip, 2 * images.n(), ts.length, scale);
    }

    private static float[] toFloats(int[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }
}
