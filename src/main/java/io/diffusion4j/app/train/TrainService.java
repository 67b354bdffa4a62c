package io.diffusion4j.app.train;

import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.DataSets;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.likelihood.PriorKind;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.objective.LossKind;
import io.diffusion4j.objective.WeightingSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.DataSpec;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.ModelKind;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.run.Version;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.sde.ProcessKind;
import io.diffusion4j.sde.ProcessSpec;
import io.diffusion4j.sde.VeSde;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * {@code d4j train} as a service: point data (an MLP denoiser or the Gaussian baseline) or images (a U-Net, in
 * {@link ImageTrainService}), new or resumed. Options are checked against the model before any data is read.
 */
public final class TrainService {
    /** Options that only the U-Net reads. */
    static final List<String> UNET_ONLY = List.of("--base", "--image-size", "--p-uncond", "--dropout", "--unconditional", "--grid-every");
    private TrainService() {
    }

    /** Trains (or resumes) the run and returns the one-line summary. */
    public static String run(TrainRequest r, LongFunction<TrainListener> progress, Consumer<String> log) throws IOException {
        OutputPaths.requireWritableDir(r.out(), "--out");
        RunDirectory dir = new RunDirectory(r.out());
        if (r.resume()) {
            RunConfig stored = dir.readConfig();
            RunConfig cfg = ResumeCheck.apply(r, stored);
            if (cfg == stored && java.nio.file.Files.isRegularFile(dir.model())) {   // written only when training ends
                return r.out() + " is finished (" + cfg.train().steps() + " steps); nothing to resume. Add --steps N"
                        + " with a larger N to train it further";
            }
            if (cfg != stored) {   // extended: the summary's step count says so
                dir.writeConfig(cfg);
            }
            // no "resuming" line first: a damaged checkpoint must still end in one line; the summary says what ran
            return "resumed: " + (cfg.isImage() ? ImageTrainService.resume(dir, cfg, r, progress, log)
                    : points(dir, cfg, loadPoints(cfg), true, progress));
        }
        if (r.data() == null) {
            throw new IllegalArgumentException("--data is required for a new run (" + ToyData.names()
                    + ", an N×d .npy/.csv file, fashion-mnist or a folder of images)");
        }
        boolean images = ImageTraining.isImageData(r.data());
        ModelKind model = r.model() != null ? ModelKind.parse(r.model()) : images ? ModelKind.UNET : ModelKind.MLP;
        if (model == ModelKind.UNET && isPointData(r.data())) {
            throw new IllegalArgumentException("a U-Net needs image data (--data fashion-mnist or a folder of PNG/JPEG images); "
                    + r.data() + " is point data: use --model mlp");
        }
        if (model != ModelKind.UNET && images) {   // fashion-mnist or an existing folder
            throw new IllegalArgumentException(r.data() + " holds images; train them with --model unet");
        }
        if (model == ModelKind.UNET) {
            return ImageTrainService.start(dir, r, common(r, model, 64, 5e-4), progress, log);
        }
        List<String> stray = UNET_ONLY.stream().filter(r::has).toList();
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", stray) + " apply to --model unet only; drop them");
        }
        if (model == ModelKind.GAUSSIAN && r.has("--hidden")) {
            throw new IllegalArgumentException("--hidden applies to --model mlp; the Gaussian baseline has no network");
        }
        Limits.require("--n-data", r.nData(), 2, Limits.MAX_POINTS);
        Limits.require("--hidden layers", r.hidden().length, 1, Limits.MAX_LAYERS);
        for (int h : r.hidden()) {
            Limits.require("--hidden widths", h, 1, Limits.MAX_WIDTH);
        }
        Common c = common(r, model, 256, 1e-3);
        if (c.process() != null && model != ModelKind.MLP) {
            throw new IllegalArgumentException("--process needs --model mlp");
        }
        Points raw = DataSets.load(r.data(), r.nData(), r.seed());
        if (raw.n() < 2) {
            throw new IllegalArgumentException(r.data() + " holds " + raw.n() + " row; training needs at least 2");
        }
        Normalization norm = c.improved().prior().fit(raw).whitening();
        Points z = norm.apply(raw);
        ProcessSpec proc = c.process() == null ? null
                : new ProcessSpec(c.process(), c.process() == ProcessKind.VE ? VeSde.forData(z).sigmaMax() : null);
        int outputs = c.improved().variance().outputChannels(raw.d());
        MlpSpec mlp = model == ModelKind.MLP ? new MlpSpec(raw.d(), r.hidden(), 64, 0, outputs) : null;
        requireMemory(mlp, c.train().batch(), raw);
        RunConfig cfg = new RunConfig(Version.VERSION, new DataSpec(r.data(), raw.n(), raw.d(), norm, maxAbs(z)), model, mlp,
                model == ModelKind.MLP ? c.schedule() : null, model == ModelKind.MLP ? c.prediction() : null,
                c.weighting(), c.train(), proc, null, c.improved(), null);
        return points(dir, cfg, raw, false, progress);
    }

    /** The choices every network run shares, checked together. */
    record Common(ScheduleSpec schedule, Parametrization prediction, WeightingSpec weighting, TrainConfig train,
                  ProcessKind process, ImprovedDdpmConfig improved) {
    }

    static Common common(TrainRequest r, ModelKind model, int defaultBatch, double defaultLr) {
        Limits.require("--T", r.T(), 1, Limits.MAX_T);
        if (r.batch() != null) {
            Limits.require("--batch", r.batch(), 1, Limits.MAX_BATCH);
        }
        Limits.require("--steps", r.steps(), 1, Limits.MAX_TRAIN_STEPS);
        ScheduleSpec sched = new ScheduleSpec(r.schedule(), r.T(), r.betaStart(), r.betaEnd(), r.zeroTerminalSnr());
        sched.build();
        Parametrization p = Parametrization.parse(r.prediction());
        if (p == Parametrization.EPS && r.zeroTerminalSnr()) {
            throw new IllegalArgumentException("ε-prediction cannot be sampled at zero terminal SNR (x̂₀ is undefined at t = T); use --prediction v");
        }
        ProcessKind process = r.process() == null ? null : ProcessKind.parse(r.process());
        WeightingSpec w = WeightingSpec.parse(r.weighting());
        if (w.needsSde() && process == null) {
            throw new IllegalArgumentException("--weighting likelihood (λ = g²) needs --process " + ProcessKind.choices());
        }
        ImprovedDdpmConfig improved = ImprovedDdpmConfig.parse(r.variance(), r.loss(), r.tSampling(), r.prior());
        if (process != null && !improved.isDdpm()) {
            throw new IllegalArgumentException("--variance, --loss and --t-sampling belong to discrete runs; drop them with --process "
                    + process.id() + " (continuous-time score matching has no reverse variance or L_vlb)");
        }
        if (improved.loss() != LossKind.SIMPLE && !w.equals(WeightingSpec.NONE)) {
            throw new IllegalArgumentException("--weighting applies to --loss simple; --loss " + improved.loss().id() + " weights its terms itself");
        }
        if (model == ModelKind.UNET) {
            // images are already in [−1, 1]: the standard prior; priorgrad is for point data
            if (r.has("--prior") && improved.prior() == PriorKind.PRIORGRAD) {
                throw new IllegalArgumentException("--prior priorgrad is for point data; image runs use the standard prior on [-1, 1] pixels");
            }
            improved = improved.withPrior(PriorKind.STANDARD);
        }
        TrainConfig tc = new TrainConfig(r.steps(), r.batch() == null ? defaultBatch : r.batch(), r.lr() == null ? defaultLr : r.lr(),
                Math.min(r.warmup(), r.steps()), 0.9, 0.999, 1e-8, r.clipGrad(), r.ema(), r.seed(), r.logEvery(), r.checkpointEvery());
        return new Common(sched, p, w, tc, process, improved);
    }

    /** The data on the heap (raw, standardised, batches) and the network's training state in native memory. */
    private static void requireMemory(MlpSpec mlp, int batch, Points raw) {
        double heap = 4.0 * raw.n() * raw.d() * 4;
        double nat = mlp == null ? 0 : Limits.trainingBytes(mlp.parameterCount(), batch * mlp.activationsPerSample());
        Limits.requireMemory("--hidden " + Arrays.toString(mlp == null ? new int[0] : mlp.hidden()).replaceAll("[\\[\\] ]", "")
                + " with --batch " + batch + " on " + raw.n() + " points", heap, nat);
    }

    private static Points loadPoints(RunConfig cfg) {
        Points raw = DataSets.load(cfg.data().source(), cfg.data().count(), cfg.train() == null ? 0 : cfg.train().seed());
        if (cfg.data().dim() != raw.d()) {
            throw new IllegalArgumentException("data has " + raw.d() + " dimensions but the run was trained on " + cfg.data().dim());
        }
        return raw;
    }

    private static String points(RunDirectory dir, RunConfig cfg, Points raw, boolean resume,
                                 LongFunction<TrainListener> progress) throws IOException {
        TrainRun.Result r = TrainRun.train(dir, cfg, raw, resume, cfg.model() == ModelKind.GAUSSIAN ? s -> { }
                : progress.apply(cfg.train().steps()));
        return summary(cfg, r, dir);
    }

    /** A toy name or an N×d .npy/.csv file: data a U-Net cannot train on (missing folders are reported when opened). */
    private static boolean isPointData(String data) {
        String d = data.toLowerCase(Locale.ROOT);
        return ToyData.find(data).isPresent() || d.endsWith(".npy") || d.endsWith(".csv");
    }

    static String summary(RunConfig cfg, TrainRun.Result r, RunDirectory dir) {
        return String.format(Locale.ROOT, "trained %s on %s: %d parameters, %d steps, final loss %.5f, %.1f s -> %s",
                cfg.model().id(), cfg.data().source(), r.parameters(), r.steps(), r.finalLoss(), r.seconds(), dir.dir());
    }

    private static double maxAbs(Points p) {
        double m = 0;
        for (float v : p.values()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
