package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code d4j eval --run R --metric fid --sampler ddim --steps 10,20,50,100 --eta 0,0.5,1 --n 2000}: the
 * {@link DdimTable} of a Fashion-MNIST image run — FID-FMNIST for every (steps, η) cell, labels i mod K for a
 * class-conditional run (classifier-free guidance {@code guidance}, 0 = the conditional model), with the floor and the
 * Gaussian baseline at the same n. The reference statistics come from the bundled training subset (10,000 images), the
 * floor from its test subset, so numbers are comparable across machines.
 */
public record FidEvaluation(List<DdimTable.Column> columns, int[] steps, int n, double guidance, long seed, int bootstrap,
                            Spacing spacing) {
    /** The table's rows when --steps is not given (a distilled student: its own step count). */
    private static final int[] DEFAULT_STEPS = {10, 20, 50, 100};

    public FidEvaluation {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("--sampler must name at least one sampler, e.g. ddim");
        }
        if (steps != null && (steps.length == 0 || Arrays.stream(steps).anyMatch(s -> s < 1))) {
            throw new IllegalArgumentException("--steps must list step counts >= 1, e.g. 10,20,50,100");
        }
        if (n < 10) {
            throw new IllegalArgumentException("--n must be >= 10 for a Fréchet distance, got " + n);
        }
        ClassifierFreeGuidance.requireScale(guidance);
        DdimTable.requireResamples(bootstrap);
        steps = steps == null ? null : steps.clone();
    }

    /**
     * Parses the comma lists of the CLI: the samplers are the table's columns, ddim once per η ({@code etas} null:
     * 0, 0.5 and 1; given without ddim among the samplers: an error); {@code spacing} null: the run's default.
     */
    public static FidEvaluation parse(String samplers, String steps, String etas, int n, double guidance, long seed, int bootstrap,
                                      String spacing) {
        Spacing grid = spacing == null ? null : Spacing.parse(spacing);
        if (grid != null && grid != Spacing.UNIFORM && grid != Spacing.TRAILING) {
            throw new IllegalArgumentException("--spacing for --metric fid is uniform or trailing, got " + spacing);
        }
        try {
            double[] eta = etas == null ? new double[] {0, 0.5, 1}
                    : Arrays.stream(etas.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            if (eta.length == 0 || Arrays.stream(eta).anyMatch(e -> !(e >= 0) || !Double.isFinite(e))) {
                throw new IllegalArgumentException("--eta must list values >= 0, e.g. 0,0.5,1");
            }
            List<DdimTable.Column> columns = new ArrayList<>();
            for (String s : samplers.split(",")) {
                String name = io.diffusion4j.sampler.SamplerSpec.canonical(s.trim());
                if (name.equals("ddim")) {
                    Arrays.stream(eta).forEach(e -> columns.add(DdimTable.Column.ddim(e)));
                } else {
                    columns.add(new DdimTable.Column(name, 0));
                }
            }
            if (etas != null && columns.stream().noneMatch(c -> c.sampler().equals("ddim"))) {
                throw new IllegalArgumentException("--eta applies to ddim; add ddim to --sampler or drop --eta");
            }
            return new FidEvaluation(columns, steps == null ? null
                    : Arrays.stream(steps.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray(),
                    n, guidance, seed, bootstrap, grid);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--steps and --eta take comma lists of numbers, e.g. --steps 10,20 --eta 0,1");
        }
    }

    /** Runs the table on the run in {@code runDir}; {@code progress} hears each cell. */
    public DdimTable.Table evaluate(Path runDir, Consumer<String> progress) {
        FashionMnist.Source source = FashionMnist.bundled();
        ImageSet train = source.load(FashionMnist.Split.TRAIN);
        ImageSet test = source.load(FashionMnist.Split.TEST);
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(runDir), m)) {
            if (!run.config().isImage()) {
                throw new IllegalArgumentException("--metric fid needs an image run (d4j train --data fashion-mnist --model unet); "
                        + runDir + " holds point data — evaluate it with --samples and --data");
            }
            io.diffusion4j.run.Distilled student = run.config().distilled();
            int[] steps = this.steps != null ? this.steps : student != null ? new int[] {student.steps()} : DEFAULT_STEPS;
            int T = run.schedule().T();
            if (Arrays.stream(steps).anyMatch(s -> s > T)) {
                throw new IllegalArgumentException("--steps must be at most T = " + T);
            }
            FidFmnist fid = FidFmnist.load(m, train, test);
            if (guidance > 0 && run.classes() == 0) {
                throw new IllegalArgumentException("--guidance needs a class-conditional run");
            }
            Spacing grid = spacing != null ? spacing : student != null ? Spacing.TRAILING : Spacing.UNIFORM;
            if (student != null) {
                Arrays.stream(steps).forEach(student::requireSteps);
                student.requireGuidance(guidance);
                if (grid != Spacing.TRAILING) {
                    throw new IllegalArgumentException("a distilled student learned the trailing grid; drop --spacing " + spacing);
                }
            }
            ConditionalSampling sampling = new ConditionalSampling(run, guidance, null, 0, true);
            return DdimTable.evaluate(sampling, run.schedule(), steps, columns, n, run.classes(), fid, grid,
                    new NoiseSource(seed).fork(0xF1DL), bootstrap, c -> progress.accept(String.format(Locale.ROOT,
                            "steps %d, %s: FID-FMNIST %.2f (%.0f s)", c.steps(), c.column(), c.fid(), c.seconds())));
        }
    }

    /**
     * FID-FMNIST of images written elsewhere: an N×1×28×28 (or N×784) float32 .npy in [−1, 1], as {@code d4j sample}
     * writes, against the bundled training reference, with the floor and baselines at the same n.
     */
    public static FidFmnist.Report ofFile(Path file, long seed) {
        io.diffusion4j.io.Tensor t;
        try {
            t = io.diffusion4j.io.Npy.read(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        long[] sh = t.shape();
        boolean images = sh.length == 4 && sh[1] == 1 && sh[2] == 28 && sh[3] == 28;
        if (!(images || sh.length == 2 && sh[1] == 784) || sh[0] < 10) {
            throw new IllegalArgumentException(file + " has shape " + Arrays.toString(sh) + "; FID-FMNIST needs N×1×28×28"
                    + " (or N×784) images with N >= 10, as 'd4j sample --run IMAGE_RUN --out x.npy' writes");
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(file + " holds a non-finite value; FID needs finite pixels");
            }
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo < -1.001f || hi > 1.001f) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds values in [%.3g, %.3g]; FID-FMNIST reads"
                    + " pixels in [-1, 1] (x/127.5 - 1 for 8-bit images)", file, lo, hi));
        }
        FashionMnist.Source source = FashionMnist.bundled();
        ImageSet samples = new ImageSet((int) sh[0], 1, 28, 28, t.data(), null, List.of());
        try (NDManager m = Engines.newManager()) {
            FidFmnist fid = FidFmnist.load(m, source.load(FashionMnist.Split.TRAIN), source.load(FashionMnist.Split.TEST));
            return fid.report(samples, new NoiseSource(seed).fork(0xF1DL));
        }
    }
}
