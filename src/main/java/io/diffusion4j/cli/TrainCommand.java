package io.diffusion4j.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
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

/**
 * {@code d4j train}: train a denoiser (or fit the Gaussian baseline) on point data, or a U-Net on images
 * ({@code --data fashion-mnist|FOLDER --model unet}), into a run directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a diffusion model on point data or images.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", description = "moons|swissroll|checkerboard|gmm8|gmm25|gauss, an N×d .npy/.csv file,"
            + " fashion-mnist, or a folder of PNG/JPEG images (class sub-folders give labels)")
    String data;
    @Option(names = "--n-data", defaultValue = "20000", description = "points drawn from a toy data set (default ${DEFAULT-VALUE})")
    int nData;
    @Option(names = "--model", description = "mlp|gaussian for points (default mlp), unet for images (the default there)")
    String model;
    @Option(names = "--base", defaultValue = "32", description = "U-Net base width; levels base×(1, 2, 2) (default ${DEFAULT-VALUE})")
    int base;
    @Option(names = "--image-size", defaultValue = "0", description = "resize folder images to N×N (0 = keep their size)")
    int imageSize;
    @Option(names = "--p-uncond", defaultValue = "0.1", description = "label dropout for classifier-free guidance (default ${DEFAULT-VALUE})")
    double pUncond;
    @Option(names = "--dropout", defaultValue = "0.1", description = "U-Net dropout (default ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--unconditional", description = "ignore class labels (U-Net without class embedding)")
    boolean unconditional;
    @Option(names = "--grid-every", defaultValue = "0", description = "U-Net: write grid-STEP.png every N steps (0 = off)")
    int gridEvery;
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
    @Option(names = "--batch", description = "batch size (default 256; 64 for unet)")
    Integer batch;
    @Option(names = "--lr", description = "Adam learning rate (default 1e-3; 5e-4 for unet)")
    Double lr;
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
    @Option(names = "--out", required = true, description = "run directory, e.g. runs/NAME")
    Path out;
    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        RunDirectory dir = new RunDirectory(out);
        if (resume ? dir.readConfig().isImage() : isUNet()) {
            return trainImages(dir);
        }
        if (model == null) {
            model = "mlp";
        }
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
            Normalization norm = Normalization.fit(raw);
            cfg = new RunConfig(cfg.version(), cfg.data(), raw.n(), raw.d(), norm, maxAbs(norm.apply(raw)), cfg.model(),
                    cfg.model().equals("mlp") ? new MlpSpec(raw.d(), hidden, 64, 0, raw.d()) : null,
                    cfg.schedule(), cfg.prediction(), cfg.weighting(), cfg.train(), cfg.process(),
                    "ve-sde".equals(cfg.process()) ? VeSde.forData(norm.apply(raw)).sigmaMax() : null);
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

    private boolean isUNet() {
        if (model != null) {
            return model.equalsIgnoreCase("unet");
        }
        return data != null && io.diffusion4j.app.image.ImageTraining.isImageData(data);
    }

    private Integer trainImages(RunDirectory dir) throws Exception {
        java.util.function.Consumer<String> log = line -> System.err.println("d4j: " + line);
        RunConfig cfg;
        io.diffusion4j.data.image.ImageSet images;
        if (resume) {
            cfg = dir.readConfig();
            images = io.diffusion4j.app.image.ImageRuns.data(cfg, log);
            System.err.println("resuming " + out + " (the stored config.json is used; other options are ignored)");
        } else {
            if (data == null) {
                throw new IllegalArgumentException("--data is required for a new run: fashion-mnist or a folder of PNG/JPEG images");
            }
            if (process != null) {
                throw new IllegalArgumentException("--process needs --model mlp");
            }
            if (base < 8 || base % 8 != 0) {
                throw new IllegalArgumentException("--base must be a multiple of 8 (GroupNorm with 8 groups), e.g. 32, got " + base);
            }
            images = io.diffusion4j.app.image.ImageTraining.open(data, imageSize, io.diffusion4j.data.image.FashionMnist.Split.TRAIN, log);
            RunConfig points = config("unet", batch == null ? 64 : batch, lr == null ? 5e-4 : lr);
            cfg = io.diffusion4j.app.image.ImageRuns.newConfig(data, images,
                    new io.diffusion4j.app.image.ImageRuns.UNetOptions(imageSize, base, dropout, pUncond, unconditional),
                    points.schedule(), Parametrization.parse(points.prediction()), points.weighting(), points.train());
        }
        if (gridEvery < 0) {
            throw new IllegalArgumentException("--grid-every must be >= 0, got " + gridEvery);
        }
        TrainRun.Result r;
        try (NDManager m = io.diffusion4j.tensor.Engines.newManager();
             io.diffusion4j.model.Network probe = io.diffusion4j.model.Network.create(cfg.network(), m, 0)) {
            io.diffusion4j.model.UNetSpec u = (io.diffusion4j.model.UNetSpec) cfg.network();
            log.accept(String.format(Locale.ROOT, "model: U-Net base %d ×%s, %d residual blocks per level, attention at levels %s, %s; %,d parameters",
                    u.base(), Arrays.toString(u.mult()), u.resBlocks(), Arrays.toString(u.attentionLevels()),
                    u.classes() > 0 ? u.classes() + " classes + null, p_uncond " + cfg.image().pUncond() : "unconditional",
                    probe.parameterCount()));
        }
        try (Progress p = new Progress("train", cfg.train().steps())) {
            r = io.diffusion4j.app.image.ImageRuns.train(dir, cfg, images, resume, p.training(), gridEvery, 1.0);
        }
        System.out.printf(Locale.ROOT, "trained unet on %s: %d parameters, %d steps, final loss %.5f, %.1f s -> %s%n",
                cfg.data(), r.parameters(), r.steps(), r.finalLoss(), r.seconds(), out);
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
            throw new IllegalArgumentException("unknown model '" + model + "'; use mlp or gaussian (or unet with --data fashion-mnist|FOLDER)");
        }
        return config(m, batch == null ? 256 : batch, lr == null ? 1e-3 : lr);
    }

    private RunConfig config(String m, int batch, double lr) {
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
        return new RunConfig(Version.VERSION, data, nData, 0, null, 0, m, null, sched, p.id(), weightingId, tc, proc, null);
    }
}
