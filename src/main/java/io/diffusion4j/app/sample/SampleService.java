package io.diffusion4j.app.sample;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.DataSets;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.plot.Plots;
import io.diffusion4j.run.Diagnostics;
import io.diffusion4j.run.Generation;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.SamplerSpec;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.DiscreteTimeDenoiser;
import io.diffusion4j.sde.ProcessKind;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.tensor.Engines;

import java.io.IOException;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * {@code d4j sample} as a service: a trained run (points or images) or an exact oracle, any sampler of the toolkit,
 * through {@link Generation}. Every option is checked against the source, sampler and output before any work.
 */
public final class SampleService {
    /** Samples per batch when --batch is not given. */
    static final int POINT_BATCH = 10_000;
    static final int IMAGE_BATCH = 100;

    private SampleService() {
    }

    /** A sampler on a grid, with the denoiser wrapping it needs (a discrete model read on an SDE's time). */
    record Plan(Sampler sampler, TimeGrid grid, Schedule discreteOnSde) {
        Denoiser adapt(Denoiser d) {
            return discreteOnSde == null ? d : new DiscreteTimeDenoiser(d, discreteOnSde);
        }
    }

    /**
     * Runs the request and returns the one-line summary; {@code progress} is asked once for the listener of the
     * whole job, given its total number of sampler steps.
     */
    public static String run(SampleRequest r, LongFunction<StepListener> progress) throws IOException {
        if (r.oracle() != null) {
            return oracle(r, progress);
        }
        RunConfig cfg = new RunDirectory(r.run()).readConfig();
        for (Object o : new Object[] {r.schedule(), r.T(), r.sigmaMax()}) {
            if (o != null) {
                throw new IllegalArgumentException("--schedule, --T and --sigma-max apply to --oracle; a run uses its own");
            }
        }
        if (cfg.isImage()) {
            return ImageSamples.run(r, cfg, progress);
        }
        ImageSamples.refuseImageOptions(r);
        requirePointOutput(r, cfg.data().dim(), cfg.network() instanceof io.diffusion4j.model.MlpSpec mlp ? mlp : null);
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(r.run()), m)) {
            if (run.isGaussian()) {
                if (r.samplerChosen() || r.trajectory() != null || r.process() != null) {
                    throw new IllegalArgumentException("the Gaussian baseline draws its samples directly; drop --sampler,"
                            + " --process and --trajectory");
                }
                return points(r, run.sampleGaussian(count(r), new NoiseSource(r.seed())), cfg.data().source());
            }
            Plan plan = plan(r, run.schedule(), cfg, false);
            Denoiser model = plan.adapt(r.clip().apply(run.denoiser(), cfg.autoClipBound()));
            return drawPoints(r, model, plan, cfg.data().normalization(), cfg.data().dim(), cfg.data().source(),
                    run.schedule(), cfg, progress);
        }
    }

    private static String oracle(SampleRequest r, LongFunction<StepListener> progress) throws IOException {
        ImageSamples.refuseImageOptions(r);
        ToyData toy = ToyData.find(r.oracle()).filter(t -> t.mixture().isPresent()).orElseThrow(() ->
                new IllegalArgumentException("no oracle for '" + r.oracle() + "'; use gmm8, gmm25 or gauss"));
        GaussianMixture mix = toy.mixture().get();
        requirePointOutput(r, mix.dim(), null);
        Normalization norm = exactNormalization(mix);
        Schedule sched = ScheduleSpec.of(r.schedule() == null ? "linear" : r.schedule(), r.T() == null ? 1000 : r.T()).build();
        Plan plan = plan(r, sched, null, true);
        // the oracle is exact: auto clips nothing
        Denoiser model = plan.adapt(r.clip().apply(new MixtureOracle(norm.apply(mix)), 0));
        return drawPoints(r, model, plan, norm, mix.dim(), toy.id(), sched, null, progress);
    }

    private static String drawPoints(SampleRequest r, Denoiser model, Plan plan, Normalization norm, int dim, String data,
                                     Schedule sched, RunConfig cfg, LongFunction<StepListener> progress) throws IOException {
        int n = count(r);
        int batch = r.batch() == null ? POINT_BATCH : r.batch();
        TrajectoryRecorder rec = r.trajectory() == null ? null : new TrajectoryRecorder(n, dim, plan.grid().steps());
        StepListener bar = progress.apply((long) plan.grid().steps() * ((n + batch - 1) / batch));
        Points samples = Generation.sample(model, plan.sampler(), plan.grid(), norm, dim, n, r.seed(), batch,
                rec == null ? bar : bar.andThen(rec));
        if (rec != null) {
            rec.write(r.trajectory());
        }
        Diagnostics.checkSamples(norm.apply(samples), sched, cfg == null ? null : cfg.prediction())
                .ifPresent(w -> System.err.println("d4j: warning: " + w));
        return points(r, samples, data);
    }

    /** The sampler, its grid, and for a discrete model under an SDE sampler the schedule to read it with. */
    static Plan plan(SampleRequest r, Schedule sched, RunConfig cfg, boolean oracle) {
        SamplerSpec s = cfg == null || cfg.distilled() == null ? r.sampler() : student(r.sampler(), cfg.distilled());
        String trainedAs = cfg == null || !cfg.isContinuous() ? null : cfg.process().id();
        ReverseVariance variance = cfg == null ? ReverseVariance.FIXED_SMALL : ImprovedDdpmConfig.of(cfg).variance();
        if (s.discrete()) {
            if (r.process() != null) {
                throw new IllegalArgumentException("--process applies to the score-SDE samplers (" + SamplerSpec.SDE_SAMPLERS
                        + "), not " + s.name() + "; drop --process");
            }
            if (r.sigmaMax() != null) {
                throw new IllegalArgumentException("--sigma-max applies to the score-SDE samplers with --process ve-sde, not "
                        + s.name() + "; drop --sigma-max");
            }
            if (trainedAs != null) {
                throw new IllegalArgumentException("this run was trained with --process " + trainedAs
                        + "; sample it with an SDE sampler (--sampler " + SamplerSpec.SDE_SAMPLERS + ")");
            }
            return new Plan(s.build(null, variance), s.grid(sched), null);
        }
        String proc = r.process() != null ? r.process() : trainedAs != null ? trainedAs : "vp-sde";
        double sigmaMax = cfg != null && cfg.isContinuous() && cfg.process().sigmaMax() != null ? cfg.process().sigmaMax()
                : r.sigmaMax() != null ? r.sigmaMax() : 20;
        if (r.sigmaMax() != null && !proc.equals("ve-sde")) {
            throw new IllegalArgumentException("--sigma-max applies to --process ve-sde only; drop --sigma-max");
        }
        Sde sde = ProcessKind.parse(proc).build(sigmaMax);
        SamplerSpec.checkProcess(sde, trainedAs, oracle);
        return new Plan(s.build(sde, null), s.grid(sde), oracle || trainedAs != null ? null : sched);
    }

    /**
     * A distilled student samples with DDIM on the trailing grid of the step count it was trained for, by default;
     * fewer steps are allowed, more are an error (the student never learned those steps).
     */
    private static SamplerSpec student(SamplerSpec s, io.diffusion4j.run.Distilled d) {
        if (s.steps() != null) {
            d.requireSteps(s.steps());
        }
        if (!s.discrete()) {
            return s;
        }
        return new SamplerSpec(s.name(), s.steps() != null ? s.steps() : d.steps(), s.eta(),
                s.spacing() != null ? s.spacing() : io.diffusion4j.schedule.Spacing.TRAILING, s.variance(), s.snr(),
                s.correctorSteps(), s.rtol(), s.atol());
    }

    static int count(SampleRequest r) {
        return r.n() == null ? 1000 : r.n();
    }

    /** A .npy output, and the samples (heap) and one batch through the network (native) within memory. */
    private static void requirePointOutput(SampleRequest r, int dim, io.diffusion4j.model.MlpSpec mlp) {
        if (!r.out().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name a .npy file for point data, got " + r.out());
        }
        if (r.plot() != null && !r.plot().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--plot must name a .png file, got " + r.plot());
        }
        int n = count(r);
        int batch = Math.min(n, r.batch() == null ? POINT_BATCH : r.batch());
        double perSample = mlp == null ? 4.0 * dim : mlp.activationsPerSample();
        io.diffusion4j.limits.Limits.requireMemory("--n " + n + " with --batch " + batch, 3.0 * 4 * n * dim,
                4.0 * 3 * batch * perSample + (mlp == null ? 0 : 4 * mlp.parameterCount()));
    }

    private static String points(SampleRequest r, Points samples, String data) throws IOException {
        Npy.write(r.out(), new Tensor(new long[] {samples.n(), samples.d()}, samples.values()));
        if (r.plot() != null) {
            Points ref = DataSets.load(data, Math.min(5000, Math.max(samples.n(), 1000)), r.seed() + 1);
            Plots.scatter(r.plot(), "samples over " + data, ref, samples);
        }
        return String.format(Locale.ROOT, "wrote %d samples to %s", samples.n(), r.out());
    }

    /** Mean and per-dimension std of the mixture itself, so the oracle sees unit-scale data like a trained model. */
    public static Normalization exactNormalization(GaussianMixture mix) {
        double[][] cov = mix.covariance();
        double[] std = new double[mix.dim()];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(cov[j][j]);
        }
        return new Normalization(mix.mean(), std);
    }
}
