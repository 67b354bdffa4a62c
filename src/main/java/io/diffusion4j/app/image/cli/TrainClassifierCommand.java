package io.diffusion4j.app.image.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ClassifierTraining;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code d4j train-classifier [--noisy]}: trains an image classifier — on clean images (a feature network like the
 * one FID-FMNIST ships), or with {@code --noisy} a time-conditioned p_φ(y | x_t, t) on noisy images for classifier
 * guidance — and writes its weights with their configuration and provenance. Prints accuracy on the test split
 * (at several t when noisy).
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train an image classifier (clean, or --noisy for classifier guidance) and write its weights.")
public final class TrainClassifierCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "fashion-mnist", description = "fashion-mnist or a folder of images in class sub-folders; default ${DEFAULT-VALUE}")
    String data;
    @Option(names = "--image-size", defaultValue = "0", description = "resize folder images to N×N; default ${DEFAULT-VALUE}")
    int imageSize;
    @Option(names = "--noisy", description = "train p(y | x_t, t) on noisy images (linear schedule, T = 1000)")
    boolean noisy;
    @Option(names = "--steps", defaultValue = "3000", description = "training steps; default ${DEFAULT-VALUE}")
    int steps;
    @Option(names = "--batch", defaultValue = "64", description = "batch size; default ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--lr", defaultValue = "2e-3", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    double lr;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights, batches, t and noise; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--out", defaultValue = "classifier.safetensors", description = "weights file (default ${DEFAULT-VALUE})")
    Path out;

    /** The linear schedule the image models use; a noisy classifier must share the diffusion model's schedule. */
    public static Schedule schedule() {
        return Schedule.linear(1000, 1e-4, 0.02);
    }

    @Override
    public Integer call() throws Exception {
        run(data, imageSize, noisy, steps, batch, lr, seed, out);
        return 0;
    }

    /** The command as a library call. */
    public static void run(String data, int imageSize, boolean noisy, int steps, int batch, double lr, long seed, Path out)
            throws java.io.IOException {
        OutputPaths.requireWritableFile(out, "--out");
        Limits.require("--image-size", imageSize, 0, Limits.MAX_IMAGE_SIDE);
        Limits.require("--steps", steps, 1, Limits.MAX_TRAIN_STEPS);
        Limits.require("--batch", batch, 1, Limits.MAX_BATCH);
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        }
        ImageSet train = ImageTraining.open(data, imageSize, FashionMnist.Split.TRAIN, System.out::println);
        boolean fmnist = ImageTraining.FASHION_MNIST.equalsIgnoreCase(data);
        ImageSet test = fmnist ? ImageTraining.open(data, imageSize, FashionMnist.Split.TEST, s -> { }) : train;
        ClassifierSpec spec = ClassifierTraining.specFor(train, noisy);
        TrainConfig config = TrainConfig.defaults(steps, batch, seed).withLr(lr);
        long t0 = System.nanoTime();
        try (NDManager m = Engines.newManager()) {
            NetworkClassifier c = ClassifierTraining.train(train, spec, noisy ? schedule() : null, config, m, s -> {
                if (s.step() % 100 == 0 || s.step() == s.total()) {
                    System.out.printf(Locale.ROOT, "step %d/%d loss %.4f (%.2f steps/s)%n", s.step(), s.total(), s.loss(),
                            s.step() / ((System.nanoTime() - t0) / 1e9));
                }
            });
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("data", data);
            meta.put("steps", String.valueOf(steps));
            meta.put("batch", String.valueOf(batch));
            meta.put("lr", String.valueOf(lr));
            meta.put("seed", String.valueOf(seed));
            String where = fmnist ? "test split" : "training images";
            for (int t : noisy ? new int[] {0, 250, 500, 750} : new int[] {0}) {
                double acc = accuracyAt(c, test, t, new NoiseSource(seed).fork(t), m);
                System.out.printf(Locale.ROOT, "accuracy on the %s at t = %d: %.2f%%%n", where, t, 100 * acc);
                meta.put("accuracy_t" + t, String.format(Locale.ROOT, "%.4f", acc));
            }
            c.save(out, meta);
            System.out.println("wrote " + out);
        }
    }

    /** Accuracy on images noised to level t (t = 0: clean). */
    static double accuracyAt(NetworkClassifier c, ImageSet images, int t, NoiseSource noise, NDManager m) {
        if (t == 0) {
            return c.accuracy(images, images.labels());
        }
        NoiseLevel level = schedule().level(t);
        int right = 0;
        for (int from = 0; from < images.n(); from += 250) {
            int to = Math.min(images.n(), from + 250);
            try (NDManager s = m.newSubManager()) {
                NDArray x0 = images.toNDArray(s, from, to);
                NDArray xt = ForwardProcess.qSample(x0, noise.normal(s, x0.getShape()), level);
                int[] p = c.logits(xt, level).argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                for (int i = 0; i < p.length; i++) {
                    right += p[i] == images.labels()[from + i] ? 1 : 0;
                }
            }
        }
        return (double) right / images.n();
    }
}
