package io.diffusion4j.app.sample;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ConditionalSampling;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.run.Generation;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.tensor.Engines;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * Image runs in {@code d4j sample}: one row per class (or {@code --class K} everywhere) with classifier-free guidance
 * and optionally classifier guidance, any sampler, written as a PNG grid or as an N×C×H×W float .npy in [−1, 1] with
 * the labels beside it ({@code NAME.labels.npy}, float32, one class index per image).
 */
final class ImageSamples {
    private ImageSamples() {
    }

    /** Point data and oracles have no labels, guidance or grid. */
    static void refuseImageOptions(SampleRequest r) {
        if (r.classLabel() != null || r.guidance() != null || r.grid() != null || r.classifier() != null
                || r.classifierScale() != null) {
            throw new IllegalArgumentException("--class, --guidance, --cfg-scale, --grid, --classifier and --classifier-scale"
                    + " apply to image runs only");
        }
    }

    static String run(SampleRequest r, RunConfig cfg, LongFunction<StepListener> progress) throws IOException {
        if (r.plot() != null || r.trajectory() != null) {
            throw new IllegalArgumentException("--plot and --trajectory apply to point data; an image run writes its images to --out");
        }
        if (r.classifier() != null && !java.nio.file.Files.isRegularFile(r.classifier())) {
            throw new IllegalArgumentException("--classifier " + r.classifier() + " is not a file; train one with 'd4j train-classifier --noisy'");
        }
        boolean png = r.png();
        if (!png && !r.out().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name a .png (grid) or .npy file for an image run, got " + r.out());
        }
        if (png && r.n() != null) {
            throw new IllegalArgumentException("--n applies to .npy output; a PNG grid holds ROWSxCOLS images (use --grid)");
        }
        if (!png && r.grid() != null) {
            throw new IllegalArgumentException("--grid applies to .png output; a .npy holds --n images");
        }
        double w = r.guidance() == null ? 0 : r.guidance();
        double scale = r.classifierScale() == null ? 0 : r.classifierScale();
        ClassifierFreeGuidance.requireScale(w);
        ClassifierFreeGuidance.requireScale(scale);
        if (r.classifierScale() != null && r.classifier() == null) {
            throw new IllegalArgumentException("--classifier-scale needs --classifier FILE (a noisy classifier from 'd4j train-classifier --noisy')");
        }
        int classes = cfg.classes();
        if (classes == 0 && (r.guidance() != null || r.classifier() != null || r.classLabel() != null)) {
            throw new IllegalArgumentException("--class, --guidance and --classifier need a class-conditional run; this one was trained without labels");
        }
        if (cfg.distilled() != null) {
            cfg.distilled().requireGuidance(w);
        }
        int k = r.classLabel() == null ? -1 : ImageTraining.requireClass(r.classLabel(), classes);
        int[] rc = r.grid() != null ? r.grid() : new int[] {classes > 0 ? classes : 8, 8};
        int total = png ? rc[0] * rc[1] : SampleService.count(r);
        int[] labels = classes == 0 ? null : png ? ImageTraining.gridLabels(rc[0], rc[1], classes, k) : labelsFor(total, classes, k);
        int batch = r.batch() == null ? SampleService.IMAGE_BATCH : r.batch();
        io.diffusion4j.limits.Limits.require(png ? "--grid ROWSxCOLS" : "--n", total, 1, io.diffusion4j.limits.Limits.MAX_IMAGES);
        UNetSpec net = (UNetSpec) cfg.network();
        io.diffusion4j.limits.Limits.requireMemory((png ? "a grid of " : "--n ") + total + " images with --batch " + batch,
                2.0 * 4 * total * net.channels() * net.height() * net.width(),
                4.0 * net.parameterEstimate() + 4.0 * Math.min(batch, total) * net.activationsPerSample() / 10);
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(r.run()), m)) {
            SampleService.Plan plan = SampleService.plan(r, run.schedule(), cfg, false);
            Generation.BatchModel model = batchModel(run, m, r, w, scale, plan);
            UNetSpec spec = (UNetSpec) cfg.network();
            StepListener bar = progress.apply((long) plan.grid().steps() * ((total + batch - 1) / batch));
            float[] px = Generation.sample(model, plan.sampler(), plan.grid(), spec.sampleShape(1).slice(1).getShape(),
                    total, labels, new NoiseSource(r.seed()), batch, bar);
            for (int i = 0; i < px.length; i++) {
                px[i] = Math.max(-1f, Math.min(1f, px[i]));
            }
            ImageSet images = new ImageSet(total, spec.channels(), spec.height(), spec.width(), px, labels, List.of());
            if (png) {
                Png.writeGrid(r.out(), images, rc[0], rc[1], 2);
            } else {
                Npy.write(r.out(), new Tensor(new long[] {total, spec.channels(), spec.height(), spec.width()}, px));
                if (labels != null) {
                    Npy.write(labelsPath(r.out()), new Tensor(new long[] {total}, floats(labels)));
                }
            }
        }
        return String.format(Locale.ROOT, "wrote %d images (%s, %s, guidance w = %.2f) to %s%s", total, r.sampler().name(),
                classes == 0 ? "unconditional" : k >= 0 ? "class " + k : "one row per class", w, r.out(),
                labels != null && !png ? " and their labels to " + labelsPath(r.out()) : "");
    }

    /** The per-batch denoiser: labels, guidance, the x̂₀ clip (auto: [−1, 1]) and the SDE's time reading. */
    private static Generation.BatchModel batchModel(LoadedRun run, NDManager m, SampleRequest r, double w, double scale,
                                                   SampleService.Plan plan) throws IOException {
        if (run.classes() == 0) {
            Denoiser d = plan.adapt(r.clip().apply(run.denoiser(), run.config().autoClipBound()));
            return labels -> d;
        }
        NetworkClassifier noisy;
        try {
            noisy = r.classifier() == null ? null : NetworkClassifier.load(m, r.classifier());
        } catch (IOException e) {
            throw new IllegalArgumentException("--classifier " + r.classifier() + ": " + e.getMessage());
        }
        ConditionalSampling chain = new ConditionalSampling(run, w, noisy, scale, false);
        return labels -> plan.adapt(r.clip().apply(chain.denoiser(labels), run.config().autoClipBound()));
    }

    /** The labels file beside an image .npy: a.npy → a.labels.npy. */
    static Path labelsPath(Path out) {
        String name = out.getFileName().toString();
        return out.resolveSibling(name.substring(0, name.length() - ".npy".length()) + ".labels.npy");
    }

    private static float[] floats(int[] y) {
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = y[i];
        }
        return f;
    }

    private static int[] labelsFor(int total, int classes, int k) {
        int[] y = new int[total];
        for (int i = 0; i < total; i++) {
            y[i] = k >= 0 ? k : i % classes;
        }
        return y;
    }

}
