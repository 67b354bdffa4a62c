package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.io.Npy;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.schedule.TimeGrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code d4j sample --run R} for an image run: one row per class (or class {@code --class K} everywhere) with
 * classifier-free guidance {@code --guidance W} and optionally classifier guidance from a noisy classifier, written
 * as a PNG grid ({@code --out x.png}) or as an N×C×H×W float .npy in [−1, 1].
 *
 * @param classLabel the class of every image, or null for one row per class
 * @param rows       grid rows (PNG) — with cols, the number of images
 * @param n          the number of images for .npy output
 */
public record ImageRunSampling(Integer classLabel, double guidance, int rows, int cols, int n, Path classifier,
                               double classifierScale, long seed, int batch) {

    public ImageRunSampling {
        ClassifierFreeGuidance.requireScale(guidance);
        ClassifierFreeGuidance.requireScale(classifierScale);
        if (classifierScale > 0 && classifier == null) {
            throw new IllegalArgumentException("--classifier-scale needs --classifier FILE (a noisy classifier from 'd4j train-classifier --noisy')");
        }
    }

    /** The number of images {@link #run} samples into {@code out}: rows × cols for a PNG grid, else n. */
    public int total(Path out) {
        return isPng(out) ? rows * cols : n;
    }

    private static boolean isPng(Path out) {
        return out.toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /**
     * Samples the run with {@code sampler} on {@code grid} and writes {@code out}; {@code listener} hears every
     * sampler step of every batch (⌈total / batch⌉ batches). Returns a one-line summary.
     */
    public String run(LoadedRun run, Sampler sampler, TimeGrid grid, Path out, NDManager manager,
                      io.diffusion4j.sampler.StepListener listener) throws IOException {
        int classes = run.classes();
        int k = classLabel == null ? -1 : ImageTraining.requireClass(classLabel, classes);
        if (classes == 0 && guidance > 0) {
            throw new IllegalArgumentException("--guidance needs a class-conditional run; this one was trained without labels");
        }
        boolean png = isPng(out);
        int total = total(out);
        int[] labels = classes == 0 ? null
                : png ? ImageTraining.gridLabels(rows, cols, classes, k) : labelsFor(total, classes, k);
        NetworkClassifier noisy = null;
        if (classifier != null) {
            if (classes == 0) {
                throw new IllegalArgumentException("classifier guidance needs class labels; this run was trained without them");
            }
            noisy = NetworkClassifier.load(manager, classifier);
        }
        ConditionalSampling sampling = new ConditionalSampling(run.network(), Parametrization.parse(run.config().prediction()),
                guidance, noisy, classifierScale, true);
        ImageSet images = sampling.sample(labels, total, sampler, grid, new NoiseSource(seed), batch, listener);
        if (png) {
            Png.writeGrid(out, images, rows, cols, 2);
        } else {
            Npy.write(out, new Tensor(new long[] {total, images.channels(), images.height(), images.width()}, images.pixels()));
        }
        return String.format(Locale.ROOT, "wrote %d images (%s, guidance %.2f) to %s", total,
                classes == 0 ? "unconditional" : k >= 0 ? "class " + k : "one row per class", guidance, out);
    }

    private static int[] labelsFor(int total, int classes, int k) {
        int[] y = new int[total];
        for (int i = 0; i < total; i++) {
            y[i] = k >= 0 ? k : i % classes;
        }
        return y;
    }
}
