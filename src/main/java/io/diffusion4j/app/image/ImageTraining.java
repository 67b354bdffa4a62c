package io.diffusion4j.app.image;

import io.diffusion4j.data.BatchSource;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageBatches;
import io.diffusion4j.data.image.ImageFolder;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LabelDropout;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The small static entry points the CLI calls for image runs ({@code train --data fashion-mnist|FOLDER --model unet},
 * {@code sample --class K --guidance W --grid RxC}): opening the data, sizing the U-Net, the class-conditional loss
 * with label dropout, and the checks that turn bad input into one-line {@link IllegalArgumentException}s.
 */
public final class ImageTraining {
    /** The name that selects Fashion-MNIST in {@code --data}. */
    public static final String FASHION_MNIST = "fashion-mnist";
    /** The name that selects the bundled Fashion-MNIST subset even where the full set is installed. */
    public static final String FASHION_MNIST_SUBSET = "fashion-mnist-subset";
    /** Label-dropout probability of classifier-free guidance training (Ho &amp; Salimans 2022 use 0.1–0.2). */
    public static final double P_UNCOND = 0.1;

    private ImageTraining() {
    }

    /** True when {@code --data} names image data (Fashion-MNIST or an existing folder) rather than a toy set. */
    public static boolean isImageData(String data) {
        String d = data.toLowerCase(Locale.ROOT);
        return FASHION_MNIST.equals(d) || FASHION_MNIST_SUBSET.equals(d) || Files.isDirectory(Path.of(data));
    }

    /**
     * The training images named by {@code --data}: "fashion-mnist" (full set if installed, else the bundled subset;
     * the choice is reported through {@code log} in one line), "fashion-mnist-subset" (always the bundled subset) or a folder of PNG/JPEG images, resized to
     * {@code imageSize} when &gt; 0.
     */
    public static ImageSet open(String data, int imageSize, FashionMnist.Split split, Consumer<String> log) {
        io.diffusion4j.limits.Limits.require("--image-size", imageSize, 0, io.diffusion4j.limits.Limits.MAX_IMAGE_SIDE);
        String name = data.toLowerCase(Locale.ROOT);
        if (FASHION_MNIST.equals(name) || FASHION_MNIST_SUBSET.equals(name)) {
            if (imageSize > 0 && imageSize != 28) {
                throw new IllegalArgumentException("Fashion-MNIST images are 28×28; drop --image-size " + imageSize);
            }
            FashionMnist.Source s = FASHION_MNIST.equals(name) ? FashionMnist.locate() : FashionMnist.bundled();
            log.accept("data: " + s.description());
            return s.load(split);
        }
        Path dir = Path.of(data);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data set '" + data + "' not found: use --data fashion-mnist (the full set"
                    + " comes with the Debian package " + FashionMnist.DEBIAN_PACKAGE + ") or --data FOLDER of PNG/JPEG images");
        }
        ImageSet images = ImageFolder.read(dir, imageSize);
        log.accept("data: " + images.n() + " images " + images.channels() + "×" + images.height() + "×" + images.width()
                + " from " + dir + (images.numClasses() > 0 ? " in " + images.numClasses() + " classes" : ", unlabelled"));
        return images;
    }

    /** The U-Net for these images: base width, ×(1, 2, 2), attention at the coarsest level, class-conditional when labelled. */
    public static UNetSpec unet(ImageSet images, int base, boolean conditional, double dropout) {
        if (conditional && images.numClasses() < 2) {
            throw new IllegalArgumentException("class-conditional training needs at least two classes (sub-folders per class)");
        }
        return UNetSpec.of(images.channels(), images.height(), images.width(), base, conditional ? images.numClasses() : 0)
                .withDropout(dropout);
    }

    /** The ε/x₀/v denoising loss, with label dropout p_uncond = {@value #P_UNCOND} when the U-Net is class-conditional. */
    public static TrainingLoss loss(Schedule schedule, Parametrization p, LossWeighting weighting, UNetSpec spec) {
        TrainingLoss base = new DenoisingObjective(schedule, p, weighting, TimestepSampler.UNIFORM);
        return spec.classes() > 0 ? new LabelDropout(base, P_UNCOND, spec.nullClass()) : base;
    }

    public static BatchSource batches(ImageSet images, UNetSpec spec) {
        return new ImageBatches(images, spec.classes() > 0);
    }

    /** Checks {@code --class K} against the model's classes. */
    public static int requireClass(int k, int classes) {
        if (classes == 0) {
            throw new IllegalArgumentException("--class needs a class-conditional model; this one was trained without labels");
        }
        if (k < 0 || k >= classes) {
            throw new IllegalArgumentException("class " + k + " is out of range: use --class 0.." + (classes - 1));
        }
        return k;
    }

    /** Parses {@code --grid RxC} into {rows, cols}. */
    public static int[] parseGrid(String grid) {
        String[] p = grid.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int r = Integer.parseInt(p[0].trim());
                int c = Integer.parseInt(p[1].trim());
                if (r >= 1 && c >= 1 && r * c <= 10_000) {
                    return new int[] {r, c};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad --grid '" + grid + "': use ROWSxCOLS, e.g. 8x8");
    }

    /** Labels of a rows × cols grid with one class per row (row r shows class r mod K), or {@code k} everywhere if ≥ 0. */
    public static int[] gridLabels(int rows, int cols, int classes, int k) {
        int[] y = new int[rows * cols];
        for (int i = 0; i < y.length; i++) {
            y[i] = k >= 0 ? k : (i / cols) % classes;
        }
        return y;
    }
}
