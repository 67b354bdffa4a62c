package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The image demo behind {@code d4j demo}: trains a small class-conditional U-Net (with label dropout) on the bundled
 * Fashion-MNIST subset into a standard run directory ({@link ImageRuns}: config.json, model.safetensors with the EMA
 * weights, checkpoint, metrics.csv, loss.png), samples every class with DDIM and classifier-free guidance, and writes
 * {@code grid.png} (one row per class), {@code strip.png} (x_t and x̂₀ at several t) and {@code report.md} with
 * FID-FMNIST beside its floor and the Gaussian baseline, the conditional accuracy, the timings and the process CPU
 * time. The defaults are sized for about 15 minutes on 2 CPU cores (at most about 1,800 CPU-seconds).
 */
public final class ImageDemo {
    private static final int[] STRIP_T = {50, 200, 400, 600, 800, 950};

    private ImageDemo() {
    }

    /** The demo's knobs; {@link #defaults()} fits the 15-minute budget. */
    public record Options(int steps, int batch, int base, double lr, double emaDecay, int sampleSteps, double guidance,
                          int fidSamples, int gridCols, long seed) {

        public Options {
            if (steps < 1 || batch < 1 || base < 2 || sampleSteps < 1 || fidSamples < 10 || gridCols < 1) {
                throw new IllegalArgumentException("image demo: steps, batch, sample steps and grid columns must be >= 1,"
                        + " FID samples >= 10");
            }
        }

        public static Options defaults() {
            return new Options(3000, 32, 16, 1e-3, 0.999, 25, 1.0, 1000, 8, 0);
        }

        public Options withSteps(int s) {
            return new Options(s, batch, base, lr, emaDecay, sampleSteps, guidance, fidSamples, gridCols, seed);
        }

        public Options withSeed(long s) {
            return new Options(steps, batch, base, lr, emaDecay, sampleSteps, guidance, fidSamples, gridCols, s);
        }

        public Options withGuidance(double w) {
            return new Options(steps, batch, base, lr, emaDecay, sampleSteps, w, fidSamples, gridCols, seed);
        }

        public Options withFidSamples(int n) {
            return new Options(steps, batch, base, lr, emaDecay, sampleSteps, guidance, n, gridCols, seed);
        }
    }

    /** What the demo measured. */
    public record Result(long parameters, double finalLoss, FidFmnist.Report fid, double accuracy, double[] perClassAccuracy,
                         double trainSeconds, double stepsPerSecond, double sampleSeconds, double evalSeconds,
                         double cpuSeconds, Path report) {

        public String summary() {
            return String.format(Locale.ROOT, "%s; conditional accuracy %.1f%%; trained %.0f s (%.2f steps/s), sampled %.0f s;"
                    + " process CPU time %.0f s; wrote %s", fid, 100 * accuracy, trainSeconds, stepsPerSecond, sampleSeconds,
                    cpuSeconds, report);
        }
    }

    /** CPU time of this process so far (all threads, native ones included), or NaN where the JVM cannot say. */
    static double processCpuSeconds() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Trains, samples and writes the report into {@code out}, holding the run directory's lock throughout. */
    public static Result run(Path out, Options o, TrainListener progress, Consumer<String> log) throws IOException {
        try (io.diffusion4j.run.RunLock lock = new RunDirectory(out).lock()) {
            return runLocked(out, o, progress, log);
        }
    }

    private static Result runLocked(Path out, Options o, TrainListener progress, Consumer<String> log) throws IOException {
        double cpu0 = processCpuSeconds();
        FashionMnist.Source source = FashionMnist.bundled();
        log.accept("data: " + source.description());
        ImageSet train = source.load(FashionMnist.Split.TRAIN);
        ImageSet test = source.load(FashionMnist.Split.TEST);
        TrainConfig config = TrainConfig.defaults(o.steps(), o.batch(), o.seed()).withLr(o.lr()).withEma(o.emaDecay())
                .withIntervals(25, Math.max(500, o.steps() / 4));
        RunConfig cfg = ImageRuns.newConfig(ImageTraining.FASHION_MNIST_SUBSET, train,
                new ImageRuns.UNetOptions(0, o.base(), 0.0, ImageTraining.P_UNCOND, false), ScheduleSpec.of("linear", 1000),
                Parametrization.EPS, io.diffusion4j.objective.WeightingSpec.NONE, config);
        UNetSpec spec = (UNetSpec) cfg.network();
        Parametrization param = Parametrization.EPS;
        RunDirectory dir = new RunDirectory(out);
        List<Double> losses = new ArrayList<>();
        long t0 = System.nanoTime();
        TrainRun.Result trained = ImageRuns.train(dir, cfg, train, false, s -> {
            losses.add(s.loss());
            progress.onStep(s);
        }, 0, o.guidance());
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(Locale.ROOT, "model: U-Net base %d ×(1, 2, 2), %d residual blocks per level, attention"
                + " at 7×7, 10 classes + null; %,d parameters", spec.base(), spec.resBlocks(), trained.parameters()));
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(dir, m)) {
            Network net = run.network();
            Schedule schedule = run.schedule();
            long t1 = System.nanoTime();
            ConditionalSampling sampling = new ConditionalSampling(net, param, o.guidance(), null, 0, true);
            TimeGrid grid = TimeGrid.of(schedule, o.sampleSteps(), Spacing.UNIFORM);
            DdimSampler ddim = new DdimSampler(0);
            NoiseSource noise = new NoiseSource(o.seed()).fork(0x5A3L);
            int[] gridLabels = ImageTraining.gridLabels(10, o.gridCols(), 10, -1);
            ImageSet gridImages = sampling.sample(gridLabels, 0, ddim, grid, noise.fork(1), 80);
            Png.writeGrid(out.resolve("grid.png"), gridImages, 10, o.gridCols(), 2);
            int[] stripIdx = new int[10];
            for (int k = 0; k < 10; k++) {
                stripIdx[k] = test.indicesOf(k)[0];
            }
            DenoisingStrip.write(out.resolve("strip.png"), test.select(stripIdx).head(4), sampling::denoiser, schedule,
                    STRIP_T, noise.fork(2), m, 2);
            int[] fidLabels = new int[o.fidSamples()];
            for (int i = 0; i < fidLabels.length; i++) {
                fidLabels[i] = i % 10;
            }
            ImageSet samples = sampling.sample(fidLabels, 0, ddim, grid, noise.fork(3), 100);
            double sampleSeconds = (System.nanoTime() - t1) / 1e9;

            long t2 = System.nanoTime();
            FidFmnist fid = FidFmnist.load(m, train, test);
            FidFmnist.Report report = fid.report(samples, noise.fork(4));
            int[] predicted = fid.classifier().predict(samples);
            double[] perClass = new double[10];
            int right = 0;
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == fidLabels[i]) {
                    right++;
                    perClass[fidLabels[i]]++;
                }
            }
            for (int k = 0; k < 10; k++) {
                perClass[k] /= (o.fidSamples() + 9 - k) / 10;
            }
            double accuracy = (double) right / predicted.length;
            double evalSeconds = (System.nanoTime() - t2) / 1e9;
            double finalLoss = losses.subList(Math.max(0, losses.size() - 100), losses.size()).stream()
                    .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            Result r = new Result(trained.parameters(), finalLoss, report, accuracy, perClass, trainSeconds,
                    o.steps() / trainSeconds, sampleSeconds, evalSeconds, processCpuSeconds() - cpu0, out.resolve("report.md"));
            AtomicFiles.writeString(r.report(), markdown(r, o, spec, source));
            return r;
        }
    }

    private static String markdown(Result r, Options o, UNetSpec spec, FashionMnist.Source source) {
        StringBuilder s = new StringBuilder();
        s.append("# diffusion4j image demo\n\n");
        s.append("- data: ").append(source.description()).append('\n');
        s.append(String.format(Locale.ROOT, "- model: class-conditional U-Net, base %d ×(1, 2, 2), %d residual blocks per level,"
                + " attention at 7×7, %,d parameters; ε-prediction, linear schedule T = 1000; label dropout p = %.1f%n",
                spec.base(), spec.resBlocks(), r.parameters(), ImageTraining.P_UNCOND));
        s.append(String.format(Locale.ROOT, "- training: %d steps × batch %d, Adam lr %.0e, EMA %.3f, seed %d; final loss %.4f%n",
                o.steps(), o.batch(), o.lr(), o.emaDecay(), o.seed(), r.finalLoss()));
        s.append(String.format(Locale.ROOT, "- sampling: DDIM (η = 0) %d steps, classifier-free guidance w = %.1f, x̂₀ clipped"
                + " to [−1, 1]; `grid.png` shows one row per class, `strip.png` x_t over x̂₀ at t = %s%n%n",
                o.sampleSteps(), o.guidance(), java.util.Arrays.toString(STRIP_T)));
        s.append("| metric | value |\n|---|---|\n");
        FidFmnist.Report f = r.fid();
        s.append(String.format(Locale.ROOT, "| FID-FMNIST (n = %d, vs the training subset) | %.2f |%n", f.n(), f.fid()));
        s.append(String.format(Locale.ROOT, "| floor: real test images (n = %d) | %.2f |%n", f.nFloor(), f.floor()));
        s.append(String.format(Locale.ROOT, "| `gaussian` baseline (pixel mean + covariance) | %.2f |%n", f.gaussian()));
        s.append(String.format(Locale.ROOT, "| pure noise | %.1f |%n", f.noise()));
        s.append(String.format(Locale.ROOT, "| conditional accuracy (shipped classifier) | %.1f %% |%n%n", 100 * r.accuracy()));
        s.append("| class | accuracy |\n|---|---|\n");
        for (int k = 0; k < 10; k++) {
            s.append(String.format(Locale.ROOT, "| %d %s | %.0f %% |%n", k, FashionMnist.CLASSES.get(k), 100 * r.perClassAccuracy()[k]));
        }
        s.append(String.format(Locale.ROOT, "%n| timing | seconds |%n|---|---|%n| training (%.2f steps/s) | %.0f |%n"
                + "| sampling (grid, strip, %d FID images) | %.0f |%n| evaluation (features, baselines) | %.0f |%n"
                + "| process CPU time, all threads (the rows above are wall time) | %.0f |%n",
                r.stepsPerSecond(), r.trainSeconds(), f.n(), r.sampleSeconds(), r.evalSeconds(), r.cpuSeconds()));
        s.append("\nFID-FMNIST uses the features of a small Fashion-MNIST classifier shipped with diffusion4j, not Inception-v3;"
                + " compare it only with FID-FMNIST at the same n.\n");
        return s.toString();
    }
}
