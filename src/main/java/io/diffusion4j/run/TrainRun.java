package io.diffusion4j.run;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.GaussianBaseline;
import io.diffusion4j.model.Network;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.objective.ImportanceTimestepSampler;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.plot.Plots;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.data.BatchSource;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Trains the model a {@link RunConfig} describes on point data and keeps the run directory current: config.json
 * first, checkpoint.safetensors every {@code checkpointEvery} steps, metrics.csv rows every {@code logEvery} steps,
 * then model.safetensors and loss.png. A run stopped at any moment resumes from its last checkpoint and finishes
 * exactly as an uninterrupted one would (the metrics rows after that checkpoint are dropped and recomputed).
 */
public final class TrainRun {
    private static final String CSV_HEADER = "step,loss,lr,grad_norm,seconds";
    /** The importance sampler's history beside the checkpoint (runs with --t-sampling importance). */
    static final String IMPORTANCE_STATE = "importance.safetensors";

    private TrainRun() {
    }

    /** What a finished training reports. */
    public record Result(int steps, double finalLoss, double seconds, long parameters) {
    }

    /** Trains (or, with resume, continues) the run; {@code raw} is the unnormalised training data. */
    public static Result train(RunDirectory dir, RunConfig cfg, Points raw, boolean resume, TrainListener progress)
            throws IOException {
        if (cfg.model() == io.diffusion4j.run.ModelKind.GAUSSIAN) {
            try (RunLock lock = dir.lock()) {
                prepare(dir, cfg, resume);
                return trainGaussian(dir, raw);
            }
        }
        return train(dir, cfg, new PointBatches(cfg.data().normalization().apply(raw)), resume, progress, t -> s -> { });
    }

    /**
     * Trains (or continues) a network run on any batch source already in the network's units (images in [−1, 1]);
     * {@code observers} builds an extra listener from the trainer (e.g. periodic sample grids from its EMA weights).
     */
    public static Result train(RunDirectory dir, RunConfig cfg, BatchSource batches, boolean resume, TrainListener progress,
                               Function<Trainer, TrainListener> observers) throws IOException {
        TimestepSampler timesteps = cfg.process() == null ? ImprovedDdpmConfig.of(cfg).timesteps(cfg.schedule().T()) : null;
        try (RunLock lock = dir.lock()) {
            boolean restore = prepare(dir, cfg, resume);
            return trainLocked(dir, cfg, batches, restore, progress, observers, objective(cfg, timesteps), timesteps, null);
        }
    }

    /**
     * Trains (or continues) a network run with its own loss (e.g. a distillation round), the network initialised
     * from {@code init} (weights by name; null: the seed's initialisation) when the run starts.
     */
    public static Result train(RunDirectory dir, RunConfig cfg, BatchSource batches, boolean resume, TrainListener progress,
                               TrainingLoss loss, Map<String, float[]> init) throws IOException {
        try (RunLock lock = dir.lock()) {
            boolean restore = prepare(dir, cfg, resume);
            return trainLocked(dir, cfg, batches, restore, progress, t -> s -> { }, loss, null, init);
        }
    }

    private static Result trainLocked(RunDirectory dir, RunConfig cfg, BatchSource batches, boolean resume, TrainListener progress,
                                      Function<Trainer, TrainListener> observers, TrainingLoss loss,
                                      TimestepSampler timesteps, Map<String, float[]> init) throws IOException {
        try (NDManager manager = Engines.newManager();
             Network net = Network.create(cfg.network(), manager, cfg.train().seed());
             Trainer trainer = new Trainer(init(net, init), loss, batches, cfg.train())) {
            if (resume) {
                trainer.restore(dir.checkpoint());
                if (timesteps instanceof ImportanceTimestepSampler is && Files.isRegularFile(dir.file(IMPORTANCE_STATE))) {
                    is.restore(dir.file(IMPORTANCE_STATE));
                }
            }
            TrainListener extra = observers.apply(trainer);
            MetricsLog log = new MetricsLog(dir, trainer.step());
            long t0 = System.nanoTime();
            double last = Double.NaN;
            Map<String, String> meta = Map.of("version", Version.VERSION);
            while (!trainer.done()) {
                TrainListener.Step s = trainer.trainStep();
                last = s.loss();
                if (s.step() % cfg.train().logEvery() == 0 || s.step() == s.total()) {
                    log.add(s, (System.nanoTime() - t0) / 1e9);
                }
                if (s.step() % cfg.train().checkpointEvery() == 0 || trainer.done()) {
                    log.flush();   // rows past the checkpoint are dropped on resume, so flush first
                    trainer.saveCheckpoint(dir.checkpoint(), meta);
                    if (timesteps instanceof ImportanceTimestepSampler is) {
                        is.save(dir.file(IMPORTANCE_STATE));   // the E[L_t²] history, so a resumed run draws the same t
                    }
                }
                progress.onStep(s);
                extra.onStep(s);
            }
            writeModel(dir, trainer.samplingWeights(), cfg);
            log.plot(dir.file("loss.png"));
            return new Result(trainer.step(), last, (System.nanoTime() - t0) / 1e9, net.parameterCount());
        }
    }

    private static Network init(Network net, Map<String, float[]> weights) {
        if (weights != null) {
            net.load(weights);
        }
        return net;
    }

    /**
     * Checks and writes config.json; true when training continues from a checkpoint. A run stopped before its first
     * checkpoint has only its config: resuming it starts from step 0, as the config says.
     */
    private static boolean prepare(RunDirectory dir, RunConfig cfg, boolean resume) throws IOException {
        boolean restore = resume && io.diffusion4j.train.Checkpoints.exists(dir.checkpoint());
        if (resume) {
            int orphans = dir.removeOrphans() + (io.diffusion4j.train.Checkpoints.removeLeftover(dir.checkpoint()) ? 1 : 0);
            if (orphans > 0) {
                System.err.println("removed " + orphans + " unfinished temporary file(s) from " + dir.dir());
            }
        } else if (Files.exists(dir.config())) {
            throw new IllegalArgumentException(dir.dir() + " already holds a run; add --resume to continue it or choose another --out");
        }
        dir.writeConfig(cfg);
        return restore;
    }

    /** The denoising objective a config describes. */
    public static io.diffusion4j.objective.TrainingLoss objective(RunConfig cfg) {
        return objective(cfg, cfg.process() == null ? ImprovedDdpmConfig.of(cfg).timesteps(cfg.schedule().T()) : null);
    }

    /** The objective with the given timestep sampler (ignored for continuous-time runs). */
    static io.diffusion4j.objective.TrainingLoss objective(RunConfig cfg, TimestepSampler timesteps) {
        if (cfg.process() != null) {
            return scoreMatching(cfg);
        }
        TrainingLoss base = ImprovedDdpmConfig.of(cfg).trainingLoss(cfg.schedule().build(), cfg.prediction(),
                cfg.weighting().build(), cfg.isImage() ? Decoder.DISCRETIZED_8BIT : Decoder.GAUSSIAN, timesteps);
        if (cfg.network() instanceof io.diffusion4j.model.UNetSpec u && u.classes() > 0 && cfg.image() != null
                && cfg.image().pUncond() > 0) {
            return new io.diffusion4j.objective.LabelDropout(base, cfg.image().pUncond(), u.nullClass());
        }
        return base;
    }

    /** Continuous-time denoising score matching on the run's SDE (network time 1000·t, training ε = 1e-5). */
    public static io.diffusion4j.objective.ScoreMatchingObjective scoreMatching(RunConfig cfg) {
        io.diffusion4j.sde.Sde sde = cfg.process().build();
        LossWeighting w = cfg.weighting().build(sde);
        return new io.diffusion4j.objective.ScoreMatchingObjective(sde, cfg.prediction(), w, 1e-5,
                io.diffusion4j.objective.ScoreMatchingObjective.DEFAULT_TIME_SCALE);
    }

    private static Result trainGaussian(RunDirectory dir, Points raw) throws IOException {
        GaussianBaseline g = GaussianBaseline.fit(raw);
        int d = g.mean().length;
        float[] mean = new float[d];
        float[] cov = new float[d * d];
        for (int i = 0; i < d; i++) {
            mean[i] = (float) g.mean()[i];
            for (int j = 0; j < d; j++) {
                cov[i * d + j] = (float) g.covariance()[i][j];
            }
        }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("mean", new Tensor(new long[] {d}, mean));
        t.put("covariance", new Tensor(new long[] {d, d}, cov));
        Safetensors.write(dir.model(), t, Map.of("version", Version.VERSION, "model", "gaussian"));
        return new Result(0, Double.NaN, 0, d + (long) d * d);
    }

    private static void writeModel(RunDirectory dir, Map<String, float[]> weights, RunConfig cfg) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        try (NDManager m = Engines.newManager(); Network shapes = Network.create(cfg.network(), m, 0)) {
            shapes.parameters().forEach((k, v) -> t.put(k, new Tensor(v.getShape().getShape(), weights.get(k))));
        }
        Safetensors.write(dir.model(), t, Map.of("version", Version.VERSION, "model", cfg.model().id(),
                "config", RunDirectory.toJson(cfg)));
    }

    /** metrics.csv, truncated to the resumed step and appended in memory until flushed with a checkpoint. */
    private static final class MetricsLog {
        private final RunDirectory dir;
        private final List<String> rows = new ArrayList<>();
        private final List<double[]> points = new ArrayList<>();
        private double secondsBefore;   // time spent before a resume, so the column stays cumulative

        MetricsLog(RunDirectory dir, int fromStep) throws IOException {
            this.dir = dir;
            if (fromStep > 0 && Files.isRegularFile(dir.metrics())) {
                for (String line : Files.readAllLines(dir.metrics())) {
                    if (line.isBlank() || line.equals(CSV_HEADER)) {
                        continue;
                    }
                    String[] p = line.split(",");
                    if (Integer.parseInt(p[0]) <= fromStep) {
                        rows.add(line);
                        points.add(new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])});
                        secondsBefore = Double.parseDouble(p[4]);
                    }
                }
            }
        }

        void add(TrainListener.Step s, double seconds) {
            rows.add(String.format(java.util.Locale.ROOT, "%d,%.6g,%.6g,%.6g,%.2f", s.step(), s.loss(), s.lr(), s.gradNorm(), secondsBefore + seconds));
            points.add(new double[] {s.step(), s.loss()});
        }

        void flush() throws IOException {
            AtomicFiles.writeString(dir.metrics(), CSV_HEADER + "\n" + String.join("\n", rows) + "\n");
        }

        void plot(java.nio.file.Path file) throws IOException {
            if (points.isEmpty()) {
                return;
            }
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            Plots.lines(file, "training loss", "step", "loss", List.of(new Plots.Series("loss", x, y)), true, false);
        }
    }
}
