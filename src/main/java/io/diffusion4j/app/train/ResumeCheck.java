package io.diffusion4j.app.train;

import io.diffusion4j.likelihood.PriorKind;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.WeightingSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.ModelKind;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.train.TrainConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code train --resume} with options: an option retyped with the run's own value is accepted (users re-run the
 * command they started with), one that differs from the stored config.json is named in the error, and a larger
 * {@code --steps} extends the run (the learning rate is constant after warm-up, so an extended run is the longer run).
 */
final class ResumeCheck {
    private ResumeCheck() {
    }

    /** The stored config, with its steps raised to --steps when that is larger; an error naming every other difference. */
    static RunConfig apply(TrainRequest r, RunConfig cfg) {
        List<String> differ = new ArrayList<>();
        TrainConfig t = cfg.train();
        check(r, differ, "--data", r.data(), cfg.data().source());
        check(r, differ, "--n-data", r.nData(), cfg.data().count());
        check(r, differ, "--model", r.model() == null ? null : ModelKind.parse(r.model()), cfg.model());
        if (cfg.network() instanceof MlpSpec m) {
            check(r, differ, "--hidden", Arrays.toString(r.hidden()), Arrays.toString(m.hidden()));
        }
        if (cfg.network() instanceof UNetSpec u) {
            check(r, differ, "--base", r.base(), u.base());
            check(r, differ, "--dropout", r.dropout(), u.dropout());
            check(r, differ, "--unconditional", r.unconditional(), u.classes() == 0);
            check(r, differ, "--image-size", r.imageSize(), cfg.image().resize());
            check(r, differ, "--p-uncond", r.pUncond(), cfg.image().pUncond());
        }
        ScheduleSpec s = cfg.schedule();
        if (s != null) {
            check(r, differ, "--schedule", parsed(r.schedule(), n -> ScheduleSpec.of(n, s.T()).name()), s.name());
            check(r, differ, "--T", r.T(), s.T());
            check(r, differ, "--beta-start", r.betaStart(), s.betaStart());
            check(r, differ, "--beta-end", r.betaEnd(), s.betaEnd());
            check(r, differ, "--zero-terminal-snr", r.zeroTerminalSnr(), s.zeroTerminalSnr());
        }
        check(r, differ, "--prediction", parsed(r.prediction(), Parametrization::parse), cfg.prediction());
        check(r, differ, "--weighting", parsed(r.weighting(), WeightingSpec::parse), cfg.weighting());
        if (t != null) {
            check(r, differ, "--batch", r.batch(), t.batch());
            check(r, differ, "--lr", r.lr(), t.lr());
            check(r, differ, "--warmup", Math.min(r.warmup(), Math.max(r.steps(), t.steps())), t.warmup());
            check(r, differ, "--clip-grad", r.clipGrad(), t.clipNorm());
            check(r, differ, "--ema", r.ema(), t.emaDecay());
            check(r, differ, "--seed", r.seed(), t.seed());
            check(r, differ, "--checkpoint-every", r.checkpointEvery(), t.checkpointEvery());
            check(r, differ, "--log-every", r.logEvery(), t.logEvery());
            if (r.has("--steps") && r.steps() < t.steps()) {
                differ.add("--steps (" + r.steps() + " is fewer than the run's " + t.steps() + ")");
            }
        }
        check(r, differ, "--process", r.process() == null ? null : parsed(r.process(),
                p -> io.diffusion4j.sde.ProcessKind.parse(p).id()), cfg.process() == null ? null : cfg.process().id());
        ImprovedDdpmConfig imp = ImprovedDdpmConfig.of(cfg);
        check(r, differ, "--variance", parsed(r.variance(), io.diffusion4j.param.ReverseVariance::parse), imp.variance());
        check(r, differ, "--loss", parsed(r.loss(), io.diffusion4j.objective.LossKind::parse), imp.loss());
        check(r, differ, "--t-sampling", parsed(r.tSampling(), io.diffusion4j.objective.TimestepSampling::parse), imp.tSampling());
        check(r, differ, "--prior", parsed(r.prior(), PriorKind::parse), imp.prior());
        if (!differ.isEmpty()) {
            throw new IllegalArgumentException("--resume continues " + r.out() + " as its config.json says, but "
                    + String.join(", ", differ) + " differ; drop them, or train a new run with another --out");
        }
        if (t != null && r.has("--steps") && r.steps() > t.steps()) {
            return new RunConfig(cfg.version(), cfg.data(), cfg.model(), cfg.network(), cfg.schedule(), cfg.prediction(),
                    cfg.weighting(), new TrainConfig(r.steps(), t.batch(), t.lr(), t.warmup(), t.beta1(), t.beta2(),
                    t.adamEps(), t.clipNorm(), t.emaDecay(), t.seed(), t.logEvery(), t.checkpointEvery()),
                    cfg.process(), cfg.image(), cfg.improved(), cfg.distilled());
        }
        return cfg;
    }

    private static <T> T parsed(String name, Function<String, T> parse) {
        return name == null ? null : parse.apply(name);
    }

    private static void check(TrainRequest r, List<String> differ, String option, Object given, Object stored) {
        if (r.has(option) && !Objects.equals(given, stored)) {
            differ.add(option + " (given " + given + ", stored " + stored + ")");
        }
    }
}
