package io.diffusion4j.app.distill;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.DataSets;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.distill.ProgressiveDistillation;
import io.diffusion4j.distill.Teacher;
import io.diffusion4j.model.Network;
import io.diffusion4j.objective.LossWeighting;
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
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Progressive distillation of a run (Salimans &amp; Ho 2022): round k trains a student for teacherSteps/2^k DDIM steps
 * on the schedule's trailing grid (which nests under halving) from the round k−1 student (round 1: the teacher run),
 * initialised from its teacher's sampling weights, with the x-space loss weighted by max(SNR, 1). Each round is a run
 * directory OUT/round-k; running the command again skips finished rounds and resumes an unfinished one.
 */
public final class DistillService {
    private DistillService() {
    }

    public static String run(DistillRequest r, LongFunction<TrainListener> progress, Consumer<String> log) throws IOException {
        io.diffusion4j.io.OutputPaths.requireWritableDir(r.out(), "--out");
        RunConfig teacher = new RunDirectory(r.teacher()).readConfig();
        if (!teacher.model().isNetwork() || teacher.isContinuous()) {
            throw new IllegalArgumentException(r.teacher() + " is not a discrete-time network run; distil a run trained by"
                    + " 'd4j train --model mlp' (v-prediction recommended)");
        }
        if (teacher.isImage()) {
            throw new IllegalArgumentException("distilling image runs is not built yet; distil a point-data run");
        }
        if (r.teacherSteps() > teacher.schedule().T()) {
            throw new IllegalArgumentException("--teacher-steps must be at most the teacher's T = " + teacher.schedule().T());
        }
        if (teacher.distilled() != null && r.teacherSteps() > teacher.distilled().steps()) {
            throw new IllegalArgumentException(r.teacher() + " is a student trained for " + teacher.distilled().steps()
                    + " steps; --teacher-steps must be at most that");
        }
        Points raw = DataSets.load(teacher.data().source(), teacher.data().count(), teacher.train().seed());
        PointBatches batches = new PointBatches(teacher.data().normalization().apply(raw));
        RunDirectory previous = new RunDirectory(r.teacher());
        StringBuilder summary = new StringBuilder();
        for (int k = 1; k <= r.rounds(); k++) {
            RunDirectory dir = new RunDirectory(r.out().resolve("round-" + k));
            int steps = r.studentSteps(k);
            if (Files.isRegularFile(dir.model())) {
                log.accept("round " + k + " (" + steps + " steps) is done: " + dir.dir());
            } else {
                boolean resume = Files.exists(dir.config()) && io.diffusion4j.train.Checkpoints.exists(dir.checkpoint());
                if (!resume) {
                    Files.deleteIfExists(dir.config());   // stopped before its first checkpoint: nothing to keep
                }
                RunConfig cfg = resume ? dir.readConfig() : studentConfig(teacher, previous, r, k);
                TrainRun.Result res = round(previous, dir, cfg, batches, resume, progress.apply(cfg.train().steps()), r, k);
                log.accept(String.format(Locale.ROOT, "round %d: %d → %d steps, final loss %.5f, %.1f s -> %s", k, 2 * steps,
                        steps, res.finalLoss(), res.seconds(), dir.dir()));
            }
            previous = dir;
        }
        summary.append(String.format(Locale.ROOT, "distilled %s into a %d-step student in %d rounds -> %s", r.teacher(),
                r.studentSteps(r.rounds()), r.rounds(), previous.dir()));
        return summary.toString();
    }

    private static RunConfig studentConfig(RunConfig teacher, RunDirectory previous, DistillRequest r, int k) {
        TrainConfig t = teacher.train();
        TrainConfig tc = new TrainConfig(r.stepsPerRound(), r.batch() == null ? t.batch() : r.batch(),
                r.lr() == null ? t.lr() : r.lr(), Math.min(t.warmup(), r.stepsPerRound()), t.beta1(), t.beta2(), t.adamEps(),
                t.clipNorm(), t.emaDecay(), r.seed(), t.logEvery(), Math.min(t.checkpointEvery(), r.stepsPerRound()));
        return new RunConfig(teacher.version(), teacher.data(), teacher.model(), teacher.network(), teacher.schedule(),
                teacher.prediction(), WeightingSpec.parse(LossWeighting.TRUNCATED_SNR.id()), tc, null, null,
                teacher.improved(), new Distilled(previous.dir().toString(), k, r.studentSteps(k)));
    }

    private static TrainRun.Result round(RunDirectory teacherDir, RunDirectory dir, RunConfig cfg, PointBatches batches,
                                         boolean resume, TrainListener progress, DistillRequest r, int k) throws IOException {
        try (NDManager m = Engines.newManager(); LoadedRun teacher = LoadedRun.open(teacherDir, m)) {
            Network net = teacher.network();
            TimeGrid grid = TimeGrid.of(teacher.schedule(), 2 * r.studentSteps(k), Spacing.TRAILING);
            ProgressiveDistillation loss = new ProgressiveDistillation(Teacher.of(net, teacher.config().prediction()), grid,
                    cfg.prediction(), LossWeighting.TRUNCATED_SNR);
            return TrainRun.train(dir, cfg, batches, resume, progress, loss, resume ? null : net.snapshot());
        }
    }
}
