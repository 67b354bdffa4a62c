package io.diffusion4j.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.ClippedDenoiser;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.plot.Plots;
import io.diffusion4j.run.Diagnostics;
import io.diffusion4j.run.Generation;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.sde.DiscreteTimeDenoiser;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code d4j sample}: draw samples from a trained run or from a closed-form oracle, to .npy (and a PNG). */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Sample from a trained run or an exact oracle denoiser.")
final class SampleCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--run", required = true, description = "run directory written by 'd4j train'")
        Path run;
        @Option(names = "--oracle", required = true, description = "exact denoiser of gmm8|gmm25|gauss")
        String oracle;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;
    @Option(names = "--sampler", defaultValue = "ddim", description = "ddpm|ddim|" + SamplerNames.SAMPLERS)
    String samplerName;
    @Option(names = "--process", description = "SDE for the score-SDE samplers: " + SamplerNames.PROCESSES)
    String process;
    @Option(names = "--sigma-max", defaultValue = "20", description = "σ_max of --process ve-sde (oracle only)")
    double sigmaMax;
    @Option(names = "--snr", defaultValue = "0.16", description = "Langevin corrector signal-to-noise ratio r (pc)")
    double snr;
    @Option(names = "--corrector-steps", defaultValue = "1", description = "Langevin corrector steps M (pc)")
    int correctorSteps;
    @Option(names = "--rtol", defaultValue = "1e-5", description = "relative tolerance (ode-rk45)")
    double rtol;
    @Option(names = "--atol", defaultValue = "1e-5", description = "absolute tolerance (ode-rk45)")
    double atol;
    @Option(names = "--steps", description = "sampling steps (default: T for ddpm, 50 for ddim)")
    Integer steps;
    @Option(names = "--eta", defaultValue = "0", description = "DDIM η ≥ 0 (0 deterministic, 1 ≈ DDPM)")
    double eta;
    @Option(names = "--spacing", defaultValue = "uniform", description = "uniform|quadratic|trailing")
    String spacing;
    @Option(names = "--variance", description = "DDPM σ²: fixed-small (β̃) | fixed-large (β); default: the run's (a learned variance is always used)")
    String variance;
    @Option(names = "--clip-x0", defaultValue = "auto", description = "clip x̂₀: auto (±1.5× the normalised training data's largest value), none, or LO,HI in normalised units")
    String clip;
    @Option(names = "--schedule", defaultValue = "linear", description = "schedule for --oracle")
    String schedule;
    @Option(names = "--T", defaultValue = "1000", description = "T for --oracle")
    int T;
    @Option(names = "--n", defaultValue = "1000")
    int n;
    @Option(names = "--batch", defaultValue = "10000", description = "samples per batch (memory)")
    int batch;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--out", required = true, description = "output .npy (float32, N×d; images N×C×H×W), or .png for an image run's grid")
    Path out;
    @Option(names = "--class", description = "image runs: the class of every image (default: one row per class)")
    Integer classLabel;
    @Option(names = "--guidance", defaultValue = "0", description = "image runs: classifier-free guidance weight w ≥ 0, ε̃ = (1 + w)·ε(x, c) − w·ε(x, ∅)")
    double guidance;
    @Option(names = "--cfg-scale", description = "image runs: classifier-free guidance as diffusers' guidance_scale S ≥ 1, the same as --guidance S−1")
    Double cfgScale;
    @Option(names = "--grid", description = "image runs: ROWSxCOLS of the PNG grid (default 10x8 for 10 classes, else 8x8)")
    String gridSize;
    @Option(names = "--classifier", description = "image runs: noisy classifier (d4j train-classifier --noisy) for classifier guidance")
    Path classifier;
    @Option(names = "--classifier-scale", defaultValue = "0", description = "image runs: classifier-guidance scale s ≥ 0")
    double classifierScale;
    @Option(names = "--plot", description = "PNG of samples over data")
    Path plot;
    @Option(names = "--trajectory", description = "also write every sampler state x (steps × n × d, normalised units) to this .npy")
    Path trajectory;

    @Override
    public Integer call() throws Exception {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (cfgScale != null) {
            if (guidance != 0 || !(cfgScale >= 1) || Double.isInfinite(cfgScale)) {
                throw new IllegalArgumentException("--cfg-scale S (diffusers' guidance_scale) must be >= 1 and replaces --guidance S-1; got " + cfgScale);
            }
            guidance = cfgScale - 1;
        }
        if (source.run != null && new RunDirectory(source.run).readConfig().isImage()) {
            return sampleImages();
        }
        if (classLabel != null || guidance != 0 || cfgScale != null || gridSize != null || classifier != null) {
            throw new IllegalArgumentException("--class, --guidance, --cfg-scale, --grid and --classifier apply to image runs only");
        }
        if (!out.toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name a .npy file, got " + out);
        }
        Points samples;
        String dataName;
        try (NDManager m = Engines.newManager()) {
            Denoiser model;
            Schedule sched;
            Normalization norm;
            int dim;
            LoadedRun run = null;
            if (source.oracle != null) {
                ToyData toy = ToyData.find(source.oracle).filter(t -> t.mixture().isPresent()).orElseThrow(() ->
                        new IllegalArgumentException("no oracle for '" + source.oracle + "'; use gmm8, gmm25 or gauss"));
                GaussianMixture mix = toy.mixture().get();
                norm = exactNormalization(mix);
                model = new MixtureOracle(norm.apply(mix));
                sched = ScheduleSpec.of(schedule, T).build();
                dim = mix.dim();
                dataName = toy.id();
            } else {
                run = LoadedRun.open(new RunDirectory(source.run), m);
                dataName = run.config().data();
                norm = run.normalization();
                dim = run.config().dim();
                if (run.isGaussian()) {
                    samples = run.sampleGaussian(n, new NoiseSource(seed));
                    return finish(samples, dataName);
                }
                model = run.denoiser();
                sched = run.schedule();
            }
            try {
                model = clipped(model, norm, run);
                Sampler sampler;
                TimeGrid grid;
                String trainedAs = run == null ? null : run.config().process();
                if (isDiscreteSampler() && trainedAs != null) {
                    throw new IllegalArgumentException("this run was trained with --process " + trainedAs
                            + "; sample it with an SDE sampler (--sampler " + SamplerNames.SAMPLERS + ")");
                }
                if (isDiscreteSampler()) {
                    sampler = sampler(run);
                    grid = discreteGrid(sched, sampler);
                } else {
                    // Score-SDE samplers: continuous levels of the chosen SDE; a discrete model is read as a VP score model.
                    String proc = process != null ? process : trainedAs != null ? trainedAs : "vp-sde";
                    double sMax = run != null && run.config().sigmaMax() != null ? run.config().sigmaMax() : sigmaMax;
                    Sde sde = SamplerNames.process(proc, sMax);
                    SamplerNames.checkCompatible(sde, run == null ? null : trainedAs != null ? trainedAs : SamplerNames.DISCRETE);
                    SamplerNames.Options o = new SamplerNames.Options(steps == null ? 100 : steps, snr, correctorSteps, rtol, atol);
                    sampler = SamplerNames.sampler(samplerName, sde, o);
                    grid = SamplerNames.grid(samplerName, sde, o);
                    if (run != null && trainedAs == null) {
                        model = new DiscreteTimeDenoiser(model, sched);
                    }
                }
                TrajectoryRecorder rec = trajectory == null ? null : new TrajectoryRecorder(n, dim, grid.steps());
                try (Progress p = new Progress("sample", (long) grid.steps() * ((n + batch - 1) / batch))) {
                    samples = Generation.sample(model, sampler, grid, norm, dim, n, seed, batch,
                            rec == null ? p.sampling() : p.sampling().andThen(rec));
                }
                if (rec != null) {
                    rec.write(trajectory);
                }
                Diagnostics.checkSamples(norm.apply(samples), sched, run == null ? null : run.config().prediction())
                        .ifPresent(w -> System.err.println("d4j: warning: " + w));
            } finally {
                if (run != null) {
                    run.close();
                }
            }
        }
        return finish(samples, dataName);
    }

    private int sampleImages() throws Exception {
        String o = out.toString().toLowerCase(Locale.ROOT);
        if (!o.endsWith(".png") && !o.endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name a .png (grid) or .npy file for an image run, got " + out);
        }
        if (!isDiscreteSampler()) {
            throw new IllegalArgumentException("image runs are sampled with --sampler ddim or ddpm");
        }
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(source.run), m)) {
            Schedule sched = run.schedule();
            Sampler sampler = sampler(run);
            int[] rc = io.diffusion4j.app.image.ImageTraining.parseGrid(gridSize != null ? gridSize
                    : run.classes() > 0 ? run.classes() + "x8" : "8x8");
            io.diffusion4j.app.image.ImageRunSampling job = new io.diffusion4j.app.image.ImageRunSampling(classLabel,
                    guidance, rc[0], rc[1], n, classifier, classifierScale, seed, Math.min(batch, 100));
            TimeGrid grid = discreteGrid(sched, sampler);
            String line;
            int batches = (job.total(out) + job.batch() - 1) / job.batch();
            try (Progress p = new Progress("sample", (long) grid.steps() * batches)) {
                line = job.run(run, sampler, grid, out, m, p.sampling());
            }
            System.out.println(line);
        }
        return 0;
    }

    /** The DDPM/DDIM time grid: --steps (default T for ddpm, 50 for ddim) with --spacing. */
    private TimeGrid discreteGrid(Schedule sched, Sampler sampler) {
        int s = steps != null ? steps : (sampler instanceof DdpmSampler ? sched.T() : Math.min(50, sched.T()));
        if (s < 1 || s > sched.T()) {
            throw new IllegalArgumentException("--steps must be in 1.." + sched.T() + ", got " + s);
        }
        return TimeGrid.of(sched, s, Spacing.parse(spacing));
    }

    private int finish(Points samples, String dataName) throws Exception {
        Npy.write(out, new Tensor(new long[] {samples.n(), samples.d()}, samples.values()));
        if (plot != null) {
            Points data = DataSets.load(dataName, Math.min(5000, Math.max(samples.n(), 1000)), seed + 1);
            Plots.scatter(plot, "samples over " + dataName, data, samples);
        }
        System.out.printf(Locale.ROOT, "wrote %d samples to %s%n", samples.n(), out);
        return 0;
    }

    private boolean isDiscreteSampler() {
        String n = samplerName.toLowerCase(Locale.ROOT);
        return n.equals("ddim") || n.equals("ddpm");
    }

    private Sampler sampler(LoadedRun run) {
        return switch (samplerName.toLowerCase(Locale.ROOT)) {
            case "ddim" -> new DdimSampler(eta);
            case "ddpm" -> {
                if (eta != 0) {
                    throw new IllegalArgumentException("--eta applies to ddim only; DDPM's variance is set with --variance");
                }
                if (variance != null) {
                    yield new DdpmSampler(DdpmSampler.Variance.parse(variance));
                }
                yield run == null ? new DdpmSampler(DdpmSampler.Variance.SMALL)
                        : ImprovedDdpmConfig.of(run.config()).reverseVariance().sampler();
            }
            default -> throw new IllegalArgumentException("unknown sampler '" + samplerName + "'; use ddpm, ddim or " + SamplerNames.SAMPLERS);
        };
    }

    private Denoiser clipped(Denoiser model, Normalization norm, LoadedRun run) {
        String c = clip.toLowerCase(Locale.ROOT);
        if (c.equals("none")) {
            return model;
        }
        if (c.equals("auto")) {
            // the oracle is exact and needs no clipping; a network's x̂₀ is kept within 1.5× the training data's range
            double b = run == null ? 0 : 1.5 * run.config().x0Bound();
            return b > 0 ? new ClippedDenoiser(model, -b, b) : model;
        }
        String[] p = c.split(",");
        try {
            if (p.length == 2) {
                return new ClippedDenoiser(model, Double.parseDouble(p[0]), Double.parseDouble(p[1]));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--clip-x0 takes auto, none or LO,HI, got '" + clip + "'");
    }

    /** Mean and per-dimension std of the mixture itself, so the oracle sees unit-scale data like a trained model. */
    static Normalization exactNormalization(GaussianMixture mix) {
        double[][] cov = mix.covariance();
        double[] std = new double[mix.dim()];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(cov[j][j]);
        }
        return new Normalization(mix.mean(), std);
    }
}
