package io.diffusion4j.app.distill;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ImageRuns;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.BatchSource;
import io.diffusion4j.data.DataSets;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.distill.GuidanceRange;
import io.diffusion4j.distill.GuidedDistillation;
import io.diffusion4j.distill.ProgressiveDistillation;
import io.diffusion4j.distill.Teacher;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkSpec;
import io.diffusion4j.model.UNetBlock;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.objective.WeightingSpec;
import io.diffusion4j.run.Distilled;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Progressive distillation of a run (Salimans &amp; Ho 2022): round k trains a student for teacherSteps/2^k DDIM steps
 * on the schedule's trailing grid (which nests under halving) from the round k−1 student (round 1: the teacher run),
 * initialised from its teacher's sampling weights, with the x-space loss weighted by max(SNR, 1). Point and image
 * runs alike; a class-conditional teacher is given each batch's labels. Guided (Meng et al. 2023): round 0 first
 * teaches a U-Net that takes w as an input the teacher's classifier-free-guided output for w in a range, and the
 * rounds then halve its steps with w drawn per sample. Each round is a run directory OUT/round-k; running the
 * command again skips finished rounds and resumes an unfinished one.
 */
public final class DistillService {
    private DistillService() {
    }

    public static String run(DistillRequest r, LongFunction<TrainListener> progress, Consumer<String> log) throws IOException {
        io.diffusion4j.io.OutputPaths.requireWritableDir(r.out(), "--out");
        RunConfig teacher = new RunDirectory(r.teacher()).readConfig();
        if (!teacher.model().isNetwork() || teacher.isContinuous()) {
            throw new IllegalArgumentException(r.teacher() + " is not a discrete-time network run; distil a run trained by"
                    + " 'd4j train' (v-prediction recommended)");
        }
        if (r.teacherSteps() > teacher.schedule().T()) {
            throw new IllegalArgumentException("--teacher-steps must be at most the teacher's T = " + teacher.schedule().T());
        }
        if (teacher.distilled() != null && teacher.distilled().round() > 0 && r.teacherSteps() > teacher.distilled().steps()) {
            throw new IllegalArgumentException(r.teacher() + " is a student trained for " + teacher.distilled().steps()
                    + " steps; --teacher-steps must be at most that");
        }
        GuidanceRange guidance = guidance(r, teacher);
        BatchSource batches = batches(teacher, log);
        RunDirectory previous = new RunDirectory(r.teacher());
        boolean stageOne = r.guidance() != null;   // a guided student is made from the plain teacher first
        for (int k = stageOne ? 0 : 1; k <= r.rounds(); k++) {
            RunDirectory dir = new RunDirectory(r.out().resolve("round-" + k));
            int steps = k == 0 ? r.teacherSteps() : r.studentSteps(k);
            if (Files.isRegularFile(dir.model())) {
                log.accept("round " + k + " (" + steps + " steps) is done: " + dir.dir());
            } else {
                boolean resume = Files.exists(dir.config()) && io.diffusion4j.train.Checkpoints.exists(dir.checkpoint());
                if (!resume) {
                    Files.deleteIfExists(dir.config());   // stopped before its first checkpoint: nothing to keep
                }
                RunConfig cfg = resume ? dir.readConfig() : studentConfig(previous.readConfig(), previous, r, k, steps, guidance);
                TrainRun.Result res = round(previous, dir, cfg, batches, resume, progress.apply(cfg.train().steps()), r, k, guidance);
                log.accept(k == 0
                        ? String.format(Locale.ROOT, "round 0: guided student for w in [%s], final loss %.5f, %.1f s -> %s",
                                guidance, res.finalLoss(), res.seconds(), dir.dir())
                        : String.format(Locale.ROOT, "round %d: %d → %d steps, final loss %.5f, %.1f s -> %s", k, 2 * steps,
                                steps, res.finalLoss(), res.seconds(), dir.dir()));
            }
            previous = dir;
        }
        return String.format(Locale.ROOT, "distilled %s into a %d-step %sstudent in %d rounds -> %s", r.teacher(),
                r.studentSteps(r.rounds()), guidance != null ? "guided " : "", r.rounds(), previous.dir());
    }

    /** The guidance weights the rounds train for: --w-range for a new guided student, a guided teacher's own range. */
    private static GuidanceRange guidance(DistillRequest r, RunConfig teacher) {
        GuidanceRange own = teacher.distilled() == null ? null : teacher.distilled().guidance();
        if (r.guidance() == null) {
            return own;
        }
        if (own != null) {
            throw new IllegalArgumentException(r.teacher() + " is a guided student already (w in [" + own
                    + "]); drop --guided and --w-range to halve its steps");
        }
        if (!(teacher.network() instanceof UNetSpec u) || u.classes() == 0) {
            throw new IllegalArgumentException("--guided distils classifier-free guidance, which needs a class-conditional"
                    + " image run (trained with labels); " + r.teacher() + " has none");
        }
        return r.guidance();
    }

    private static BatchSource batches(RunConfig teacher, Consumer<String> log) {
        if (teacher.isImage()) {
            return ImageTraining.batches(ImageRuns.data(teacher, log), (UNetSpec) teacher.network());
        }
        Points raw = DataSets.load(teacher.data().source(), teacher.data().count(), teacher.train().seed());
        return new PointBatches(teacher.data().normalization().apply(raw));
    }

    private static RunConfig studentConfig(RunConfig teacher, RunDirectory previous, DistillRequest r, int k, int steps,
                                           GuidanceRange guidance) {
        TrainConfig t = teacher.train();
        TrainConfig tc = new TrainConfig(r.stepsPerRound(), r.batch() == null ? t.batch() : r.batch(),
                r.lr() == null ? t.lr() : r.lr(), Math.min(t.warmup(), r.stepsPerRound()), t.beta1(), t.beta2(), t.adamEps(),
                t.clipNorm(), t.emaDecay(), r.seed(), t.logEvery(), Math.min(t.checkpointEvery(), r.stepsPerRound()));
        NetworkSpec net = k == 0 ? ((UNetSpec) teacher.network()).withGuidanceInput(true) : teacher.network();
        return new RunConfig(teacher.version(), teacher.data(), teacher.model(), net, teacher.schedule(),
                teacher.prediction(), WeightingSpec.parse(LossWeighting.TRUNCATED_SNR.id()), tc, null, teacher.image(),
                teacher.improved(), new Distilled(previous.dir().toString(), k, steps, guidance));
    }

    private static TrainRun.Result round(RunDirectory teacherDir, RunDirectory dir, RunConfig cfg, BatchSource batches,
                                         boolean resume, TrainListener progress, DistillRequest r, int k,
                                         GuidanceRange guidance) throws IOException {
        try (NDManager m = Engines.newManager(); LoadedRun teacher = LoadedRun.open(teacherDir, m)) {
            Network net = teacher.network();
            Teacher t = Teacher.of(net, teacher.config().prediction());
            TrainingLoss loss = k == 0
                    ? new GuidedDistillation(t, TimeGrid.of(teacher.schedule(), teacher.schedule().T(), Spacing.TRAILING),
                            cfg.prediction(), LossWeighting.TRUNCATED_SNR, guidance)
                    : new ProgressiveDistillation(t, TimeGrid.of(teacher.schedule(), 2 * r.studentSteps(k), Spacing.TRAILING),
                            cfg.prediction(), LossWeighting.TRUNCATED_SNR, guidance);
            return TrainRun.train(dir, cfg, batches, resume, progress, loss, resume ? null : init(cfg, net, m));
        }
    }

    /**
     * The student starts as its teacher: the teacher's weights, and for a new guidance input fresh weights whose
     * output layer is zero, so the round-0 student's output at any w is the conditional teacher's.
     */
    private static Map<String, float[]> init(RunConfig student, Network teacher, NDManager m) {
        if (student.network().equals(teacher.spec())) {
            return teacher.snapshot();
        }
        try (Network fresh = Network.create(student.network(), m, student.train().seed())) {
            Map<String, float[]> w = fresh.snapshot();
            w.replaceAll((name, v) -> name.contains(UNetBlock.GUIDANCE_OUT) ? new float[v.length] : v);
            w.putAll(teacher.snapshot());
            return w;
        }
    }
}
