package io.diffusion4j.cli;

import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.run.Version;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.sde.VeSde;
import io.diffusion4j.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code d4j train}: train a denoiser (or fit the Gaussian baseline) on point data into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a diffusion model on point data.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", description = "moons|swissroll|checkerboard|gmm8|gmm25|gauss or an N×d .npy/.csv file")
    String data;
    @Option(names = "--n-data", defaultValue = "20000", description = "points drawn from a toy data set (default ${DEFAULT-VALUE})")
    int nData;
    @Option(names = "--model", defaultValue = "mlp", description = "mlp|gaussian")
    String model;
    @Option(names = "--hidden", defaultValue = "128,128,128", split = ",", description = "MLP widths, one residual block each")
    int[] hidden;
    @Option(names = "--schedule", defaultValue = "linear", description = "linear|scaled-linear|quadratic|sigmoid|cosine|constant")
    String schedule;
    @Option(names = "--T", defaultValue = "1000")
    int T;
    @Option(names = "--beta-start")
    Double betaStart;
    @Option(names = "--beta-end")
    Double betaEnd;
    @Option(names = "--zero-terminal-snr")
    boolean zeroTerminalSnr;
    @Option(names = "--prediction", defaultValue = "eps", description = "eps|x0|v")
    String prediction;
    @Option(names = "--weighting", defaultValue = "none", description = "none|snr|truncated-snr|snr+1|min-snr-<γ>; with --process also likelihood (λ = g²)")
    String weighting;
    @Option(names = "--steps", defaultValue = "5000")
    int steps;
    @Option(names = "--batch", defaultValue = "256")
    int batch;
    @Option(names = "--lr", defaultValue = "1e-3")
    double lr;
    @Option(names = "--warmup", defaultValue = "100", description = "linear learning-rate warm-up steps")
    int warmup;
    @Option(names = "--clip-grad", defaultValue = "1.0", description = "global gradient-norm clip (0 = off)")
    double clipGrad;
    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay (0 = off)")
    double ema;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--checkpoint-every", defaultValue = "500")
    int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "50")
    int logEvery;
    @Option(names = "--process", description = "continuous-time score matching on an SDE instead of a discrete schedule: "
            + SamplerNames.PROCESSES)
    String process;
    @Option(names = "--variance", defaultValue = "fixed-small", description = "reverse variance: fixed-small (β̃) | fixed-large (β) | learned (Nichol & Dhariwal)")
    String variance;
    @Option(names = "--loss", defaultValue = "simple", description = "simple | hybrid (L_simple + 0.001·L_vlb, needs --variance learned) | vlb")
    String loss;
    @Option(names = "--t-sampling", defaultValue = "uniform", description = "uniform | importance (t ∝ √E[L_t²])")
    String tSampling;
    @Option(names = "--prior", defaultValue = "priorgrad", description = "priorgrad: N(μ, diag σ²) from the data, i.e. train on standardised data (the default) | standard: N(0, I) on the data as given")
    String prior;
    @Option(names = "--out", required = true, description = "run directory, e.g. runs/NAME")
    Path out;
    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        RunDirectory dir = new RunDirectory(out);
        RunConfig cfg;
        Points raw;
        if (resume) {
            cfg = dir.readConfig();
            raw = DataSets.load(cfg.data(), cfg.dataCount(), cfg.train() == null ? seed : cfg.train().seed());
            System.err.println("resuming " + out + " (the stored config.json is used; other options are ignored)");
        } else {
            if (data == null) {
                throw new IllegalArgumentException("--data is required for a new run (" + io.diffusion4j.data.ToyData.names() + " or an N×d .npy/.csv file)");
            }
            cfg = config();
            raw = DataSets.load(data, nData, seed);
            ImprovedDdpmConfig improved = ImprovedDdpmConfig.of(cfg);
            Normalization norm = LikelihoodNames.prior(improved.prior(), raw).whitening();
            int outputs = improved.reverseVariance().outputChannels(raw.d());
            cfg = new RunConfig(cfg.version(), cfg.data(), raw.n(), raw.d(), norm, maxAbs(norm.apply(raw)), cfg.model(),
                    cfg.model().equals("mlp") ? new MlpSpec(raw.d(), hidden, 64, 0, outputs) : null,
                    cfg.schedule(), cfg.prediction(), cfg.weighting(), cfg.train(), cfg.process(),
                    "ve-sde".equals(cfg.process()) ? VeSde.forData(norm.apply(raw)).sigmaMax() : null, cfg.improved());
        }
        if (cfg.dim() != raw.d()) {
            throw new IllegalArgumentException("data has " + raw.d() + " dimensions but the run was trained on " + cfg.dim());
        }
        TrainRun.Result r;
        if (cfg.model().equals("gaussian")) {
            r = TrainRun.train(dir, cfg, raw, resume, s -> { });
        } else {
            try (Progress p = new Progress("train", cfg.train().steps())) {
                r = TrainRun.train(dir, cfg, raw, resume, p.training());
            }
        }
        System.out.printf(Locale.ROOT, "trained %s on %s: %d parameters, %d steps, final loss %.5f, %.1f s -> %s%n",
                cfg.model(), cfg.data(), r.parameters(), r.steps(), r.finalLoss(), r.seconds(), out);
        return 0;
    }

    private static double maxAbs(Points p) {
        double m = 0;
        for (float v : p.values()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private RunConfig config() {
        String m = model.toLowerCase(Locale.ROOT);
        if (!m.equals("mlp") && !m.equals("gaussian")) {
            throw new IllegalArgumentException("unknown model '" + model + "'; use mlp or gaussian");
        }
        if (nData < 2) {
            throw new IllegalArgumentException("--n-data must be >= 2");
        }
        if (Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("--hidden widths must be >= 1, e.g. --hidden 128,128,128");
        }
        ScheduleSpec sched = new ScheduleSpec(schedule, T, betaStart, betaEnd, zeroTerminalSnr);
        Parametrization p = Parametrization.parse(prediction);
        if (weighting.equals("likelihood") && process == null) {
            throw new IllegalArgumentException("--weighting likelihood (λ = g²) needs --process " + SamplerNames.PROCESSES);
        }
        String weightingId = weighting.equals("likelihood") ? "likelihood" : LossWeighting.parse(weighting).id();
        if (p == Parametrization.EPS && zeroTerminalSnr) {
            throw new IllegalArgumentException("ε-prediction cannot be sampled at zero terminal SNR (x̂₀ is undefined at t = T); use --prediction v");
        }
        TrainConfig tc = new TrainConfig(steps, batch, lr, Math.min(warmup, steps), 0.9, 0.999, 1e-8, clipGrad, ema, seed,
                logEvery, checkpointEvery);
        sched.build();
        String proc = null;
        if (process != null) {
            proc = SamplerNames.process(process, 1).id();   // validates the name
            if (!m.equals("mlp")) {
                throw new IllegalArgumentException("--process needs --model mlp");
            }
        }
        ImprovedDdpmConfig improved = new ImprovedDdpmConfig(variance, loss, tSampling, prior);
        if (proc != null && !improved.withPrior(ImprovedDdpmConfig.DEFAULT.prior()).isDefault()) {
            throw new IllegalArgumentException("--variance, --loss and --t-sampling belong to discrete runs; drop them with --process "
                    + proc + " (continuous-time score matching has no reverse variance or L_vlb)");
        }
        if (!improved.loss().equals("simple") && !weightingId.equals("none")) {
            throw new IllegalArgumentException("--weighting applies to --loss simple; --loss " + improved.loss() + " weights its terms itself");
        }
        return new RunConfig(Version.VERSION, data, nData, 0, null, 0, m, null, sched, p.id(), weightingId, tc, proc, null,
                improved);
    }
}
