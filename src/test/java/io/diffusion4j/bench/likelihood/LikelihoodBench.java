package io.diffusion4j.bench.likelihood;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.cli.LikelihoodNames;
import io.diffusion4j.data.Batch;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.likelihood.BoundEstimate;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.Divergence;
import io.diffusion4j.likelihood.Elbo;
import io.diffusion4j.likelihood.PriorGrad;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.metrics.SampleReport;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.HybridLoss;
import io.diffusion4j.objective.ImportanceTimestepSampler;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small-scale likelihood reproductions on 2-D toy data with MLPs, every arm with the same budget (network, steps,
 * batch, optimiser, seed): (1) cosine vs linear schedule NLL (Nichol &amp; Dhariwal 2021, Table 2 direction);
 * (2) L_hybrid with learned variance vs L_simple with fixed variance (their Table 1 direction); (3) the variance of
 * the L_vlb gradient estimate with uniform vs importance-sampled t (their §3.3); (4) PriorGrad vs the standard prior
 * on anisotropic, off-centre data (Lee et al. 2022); (5) Hutchinson vs exact divergence of a trained 2-D network.
 * NLLs are the variational bound in bits/dim in data units, with the Gaussian decoder (continuous data), beside the
 * data's true NLL. Usage: {@code bench/likelihood/run.sh [steps] [nEval] [sections]}.
 */
public final class LikelihoodBench {
    private static final int[] HIDDEN = {128, 128, 128};
    private static final int T = 1000;
    private static final int BATCH = 256;
    private static final long SEED = 2024;
    private static final Parametrization PARAM = Parametrization.EPS;

    private record Arm(String name, Schedule schedule, String loss, ReverseVariance variance, String tSampling) {
    }

    private record Trained(Arm arm, Network ema, double seconds, double finalLoss) {
        Denoiser denoiser() {
            return Denoiser.of(ema, PARAM, arm.variance(), null);
        }
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int nEval = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        String sections = args.length > 2 ? args[2] : "12345";
        Schedule linear = Schedule.linear(T, 1e-4, 0.02);
        Schedule cosine = Schedule.cosine(T, 0.008, 0.999);
        System.out.printf(Locale.ROOT, "# Likelihood bench: MLP %s, T=%d, %d steps × batch %d per arm, Adam 1e-3, EMA 0.999, seed %d, ε-prediction%n%n",
                java.util.Arrays.toString(HIDDEN), T, steps, BATCH, SEED);
        try (NDManager m = Engines.newManager()) {
            GaussianMixture gmm = ToyData.GMM8.mixture().orElseThrow();
            Points raw = gmm.sample(20000, new NoiseSource(SEED).fork(1));
            PriorGrad norm = PriorGrad.fit(raw); // the toolkit's usual per-dimension standardisation
            Points train = norm.whiten(raw);
            Points test = gmm.sample(nEval, new NoiseSource(SEED).fork(2));
            Points reference = gmm.sample(nEval, new NoiseSource(SEED).fork(3));
            Trained cosHybrid = null;
            if (sections.contains("1") || sections.contains("2") || sections.contains("3") || sections.contains("5")) {
                List<Arm> arms = new ArrayList<>();
                arms.add(new Arm("linear / L_simple", linear, "simple", ReverseVariance.FIXED_SMALL, "uniform"));
                arms.add(new Arm("cosine / L_simple", cosine, "simple", ReverseVariance.FIXED_SMALL, "uniform"));
                arms.add(new Arm("linear / L_hybrid", linear, "hybrid", ReverseVariance.LEARNED, "uniform"));
                arms.add(new Arm("cosine / L_hybrid", cosine, "hybrid", ReverseVariance.LEARNED, "uniform"));
                if (sections.contains("v")) {
                    arms.add(new Arm("cosine / L_vlb uniform t", cosine, "vlb", ReverseVariance.LEARNED, "uniform"));
                    arms.add(new Arm("cosine / L_vlb importance t", cosine, "vlb", ReverseVariance.LEARNED, "importance"));
                }
                System.out.printf(Locale.ROOT, "## (1, 2) GMM8 (standardised), true NLL %.4f bits/dim%n%n", trueBpd(gmm, test));
                System.out.println("| arm | variance at eval | ELBO bits/dim (± s.e.) | SWD 1000 steps (floor) | SWD 50 steps | train s |");
                System.out.println("|---|---|---|---|---|---|");
                for (Arm arm : arms) {
                    Trained tr = train(arm, train, steps, m);
                    if (arm.name().equals("cosine / L_hybrid")) {
                        cosHybrid = tr;
                    }
                    List<ReverseVariance> evals = arm.variance().learned() ? List.of(ReverseVariance.FIXED_SMALL)
                            : List.of(ReverseVariance.FIXED_SMALL, ReverseVariance.FIXED_LARGE);
                    for (ReverseVariance v : evals) {
                        String vName = arm.variance().learned() ? "learned" : v == ReverseVariance.FIXED_SMALL ? "fixed-small β̃" : "fixed-large β";
                        BoundEstimate b = norm.inDataUnits(elbo(tr.denoiser(), arm.schedule(), v, norm.whiten(test), m));
                        double clip = 1.5 * maxAbs(train);
                        SampleReport full = quality(tr.denoiser(), TimeGrid.full(arm.schedule()), v, norm, test, reference, clip, m);
                        SampleReport fast = quality(tr.denoiser(), TimeGrid.of(arm.schedule(), 50, Spacing.UNIFORM), v, norm, test, reference, clip, m);
                        System.out.printf(Locale.ROOT, "| %s | %s | %.4f ± %.4f | %.4f (%.4f) | %.4f | %.0f |%n",
                                arm.name(), vName, b.bpd(), b.stderr(), full.swd(), full.swdFloor(), fast.swd(), tr.seconds());
                    }
                    if (tr != cosHybrid) {
                        tr.ema().close();
                    }
                }
                System.out.println();
            }
            if (sections.contains("3") && cosHybrid != null) {
                gradientVariance(cosHybrid, cosine, train, m);
            }
            if (sections.contains("5") && cosHybrid != null) {
                hutchinson(cosHybrid, cosine, train, m);
            }
            if (sections.contains("4")) {
                priorGrad(linear, steps, nEval, m);
            }
        }
    }

    /** Trains an arm; a run that diverges (non-finite loss) is reported and repeated once with the next seed. */
    private static Trained train(Arm arm, Points data, int steps, NDManager m) {
        try {
            return train(arm, data, steps, SEED, m);
        } catch (IllegalStateException e) {
            System.out.printf(Locale.ROOT, "| %s | %s; repeated with seed %d | | | | |%n", arm.name(), e.getMessage().split(";")[0], SEED + 1);
            return train(arm, data, steps, SEED + 1, m);
        }
    }

    private static Trained train(Arm arm, Points data, int steps, long seed, NDManager m) {
        MlpSpec spec = new MlpSpec(2, HIDDEN, 64, 0, arm.variance().outputChannels(2));
        TimestepSampler ts = LikelihoodNames.timesteps(arm.tSampling(), T);
        TrainingLoss loss = LikelihoodNames.loss(arm.loss(), arm.schedule(), PARAM, arm.variance(), ts, LossWeighting.NONE, Decoder.GAUSSIAN);
        long t0 = System.nanoTime();
        double last = 0;
        Map<String, float[]> weights;
        try (Network net = Network.create(spec, m, seed);
             Trainer tr = new Trainer(net, loss, new PointBatches(data), TrainConfig.defaults(steps, BATCH, seed))) {
            int tail = Math.max(1, steps / 10);
            while (!tr.done()) {
                double l = tr.trainStep().loss();
                if (tr.step() > steps - tail) {
                    last += l / tail;
                }
            }
            weights = tr.samplingWeights();
        }
        Network ema = Network.create(spec, m, SEED);
        ema.load(weights);
        return new Trained(arm, ema, (System.nanoTime() - t0) / 1e9, last);
    }

    private static BoundEstimate elbo(Denoiser model, Schedule s, ReverseVariance v, Points data, NDManager m) {
        Elbo e = new Elbo(new VariationalTerms(TimeGrid.full(s), Decoder.GAUSSIAN, v));
        return e.estimate(model, data, k -> new Shape(k, data.d()), 1000, 0, new NoiseSource(SEED).fork(77), m);
    }

    private static SampleReport quality(Denoiser model, TimeGrid grid, ReverseVariance v, PriorGrad norm,
                                        Points truth, Points reference, double clip, NDManager m) {
        Denoiser clipped = (x, level) -> model.predict(x, level).clipX0(-clip, clip);
        NoiseSource noise = new NoiseSource(SEED).fork(99);
        try (NDManager sm = m.newSubManager()) {
            NDArray xT = noise.normal(sm, new Shape(truth.n(), truth.d()));
            NDArray x = new DdpmSampler(v).sample(clipped, grid, xT, noise, StepListener.NONE);
            return SampleReport.compare(norm.unwhiten(Points.of(x)), truth, reference);
        }
    }

    private static double trueBpd(GaussianMixture g, Points x) {
        double s = 0;
        for (int i = 0; i < x.n(); i++) {
            s -= g.logDensity(x.row(i));
        }
        return s / x.n() / (x.d() * Math.log(2));
    }

    private static double maxAbs(Points p) {
        double a = 0;
        for (float v : p.values()) {
            a = Math.max(a, Math.abs(v));
        }
        return a;
    }

    /** (3) tr Cov of the L_vlb gradient (all weights) over independent minibatches, uniform vs importance t. */
    private static void gradientVariance(Trained net, Schedule cosine, Points data, NDManager m) {
        int reps = 200;
        int batch = 64;
        ImportanceTimestepSampler is = new ImportanceTimestepSampler(T);
        TrainingLoss isLoss = HybridLoss.vlb(cosine, PARAM, ReverseVariance.LEARNED, is, Decoder.GAUSSIAN);
        PointBatches batches = new PointBatches(data);
        NoiseSource warm = new NoiseSource(SEED).fork(5);
        int warmBatches = 0;
        while (!is.warmedUp()) {   // fill the history of E[L_t²] at the trained weights, as training would
            try (NDManager sm = m.newSubManager()) {
                NoiseSource k = warm.fork(warmBatches++);
                isLoss.loss(net.ema(), batches.next(sm, 1024, k), k);
            }
        }
        TrainingLoss uniLoss = HybridLoss.vlb(cosine, PARAM, ReverseVariance.LEARNED, TimestepSampler.UNIFORM, Decoder.GAUSSIAN);
        double[][] stats = new double[2][];
        double[][] mean = new double[2][];
        String[] names = {"uniform t", "importance t (after " + warmBatches + " warm-up batches of 1024)"};
        TrainingLoss[] losses = {uniLoss, isLoss};
        for (int a = 0; a < 2; a++) {
            GradientStats g = gradientStats(net.ema(), losses[a], batches, reps, batch, m);
            stats[a] = new double[] {g.traceCov(), g.meanNorm(), g.lossMean(), g.lossVar()};
            mean[a] = g.mean();
        }
        double diff = 0;
        for (int i = 0; i < mean[0].length; i++) {
            diff += (mean[0][i] - mean[1][i]) * (mean[0][i] - mean[1][i]);
        }
        System.out.printf(Locale.ROOT, "## (3) L_vlb gradient noise at the trained cosine / L_hybrid network: %d minibatches of %d, learned variance%n%n", reps, batch);
        System.out.println("| t sampling | tr Cov(∇L_vlb) | ‖mean ∇‖ | mean L_vlb estimate | Var(L_vlb estimate) |");
        System.out.println("|---|---|---|---|---|");
        for (int a = 0; a < 2; a++) {
            System.out.printf(Locale.ROOT, "| %s | %.4g | %.4g | %.4g | %.4g |%n", names[a], stats[a][0], stats[a][1], stats[a][2], stats[a][3]);
        }
        System.out.printf(Locale.ROOT, "%nvariance ratio importance/uniform: gradient %.3f, loss %.3f; ‖mean_u − mean_is‖ = %.4g vs noise scale √(tr_u/n + tr_is/n) = %.4g%n%n",
                stats[1][0] / stats[0][0], stats[1][3] / stats[0][3], Math.sqrt(diff), Math.sqrt((stats[0][0] + stats[1][0]) / reps));
    }

    /** tr Cov and norm of the mean of the gradient, and mean and variance of the loss, over minibatches. */
    record GradientStats(double traceCov, double meanNorm, double lossMean, double lossVar, double[] mean) {
    }

    /** The gradient of {@code loss} at the network's weights over {@code reps} independent minibatches of {@code batch}. */
    static GradientStats gradientStats(Network net, TrainingLoss loss, io.diffusion4j.data.BatchSource batches, int reps,
                                       int batch, NDManager m) {
        double[] sum = null;
        double[] sq = null;
        double lSum = 0;
        double lSq = 0;
        for (int r = 0; r < reps; r++) {
            try (NDManager sm = m.newSubManager()) {
                NoiseSource k = new NoiseSource(SEED).fork(1000 + r);
                Batch b = batches.next(sm, batch, k);
                double l;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray value = loss.loss(net, b, k);
                    l = value.getFloat();
                    gc.backward(value);
                }
                double[] g = flatGradient(net);
                if (sum == null) {
                    sum = new double[g.length];
                    sq = new double[g.length];
                }
                for (int i = 0; i < g.length; i++) {
                    sum[i] += g[i];
                    sq[i] += g[i] * g[i];
                }
                lSum += l;
                lSq += l * l;
            }
        }
        double tr = 0;
        double normSq = 0;
        double[] mean = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / reps;
            tr += sq[i] / reps - mean[i] * mean[i];
            normSq += mean[i] * mean[i];
        }
        double lMean = lSum / reps;
        return new GradientStats(tr * reps / (reps - 1), Math.sqrt(normSq), lMean, (lSq / reps - lMean * lMean) * reps / (reps - 1), mean);
    }

    static double[] flatGradient(Network net) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (NDArray p : net.parameters().values()) {
            NDArray g = p.getGradient();
            double[] d = g.toType(DataType.FLOAT64, false).toDoubleArray();
            g.muli(0);
            parts.add(d);
            n += d.length;
        }
        double[] all = new double[n];
        int at = 0;
        for (double[] d : parts) {
            System.arraycopy(d, 0, all, at, d.length);
            at += d.length;
        }
        return all;
    }

    /** (5) The divergence of the trained network's ε̂ field at t = 100: exact vs Hutchinson with K probes. */
    private static void hutchinson(Trained net, Schedule cosine, Points data, NDManager m) {
        System.out.println("## (5) Divergence of the trained ε̂(x, t=100) field (2-D): exact vs Hutchinson–Skilling");
        System.out.println();
        System.out.println("| point | exact | K=10 mean ± s.e. | K=1000 mean ± s.e. | |K=1000 − exact| / s.e. |");
        System.out.println("|---|---|---|---|---|");
        try (NDManager sm = m.newSubManager()) {
            NDArray x = data.slice(0, 5).toNDArray(sm);
            Denoiser d = net.denoiser();
            java.util.function.UnaryOperator<NDArray> f = y -> d.predict(y, cosine.level(100)).eps();
            Divergence.Estimate exact = Divergence.exact(f, x);
            Divergence.Estimate h10 = Divergence.hutchinson(f, x, 10, new NoiseSource(1));
            Divergence.Estimate h1000 = Divergence.hutchinson(f, x, 1000, new NoiseSource(2));
            for (int i = 0; i < 5; i++) {
                System.out.printf(Locale.ROOT, "| %d | %.4f | %.4f ± %.4f | %.4f ± %.4f | %.2f |%n", i, exact.value()[i],
                        h10.value()[i], h10.stderr()[i], h1000.value()[i], h1000.stderr()[i],
                        Math.abs(h1000.value()[i] - exact.value()[i]) / h1000.stderr()[i]);
            }
        }
        System.out.println();
    }

    /** (4) PriorGrad vs the standard prior on GMM8 stretched and moved off-centre; L_simple, linear schedule. */
    private static void priorGrad(Schedule linear, int steps, int nEval, NDManager m) {
        GaussianMixture g = ToyData.GMM8.mixture().orElseThrow().affine(new double[] {1.5, 0.2}, new double[] {5, -3});
        Points raw = g.sample(20000, new NoiseSource(SEED).fork(11));
        Points test = g.sample(nEval, new NoiseSource(SEED).fork(12));
        Points reference = g.sample(nEval, new NoiseSource(SEED).fork(13));
        System.out.printf(Locale.ROOT, "## (4) PriorGrad on GMM8·diag(1.5, 0.2) + (5, −3) (raw, not standardised): true NLL %.4f bits/dim; L_simple, linear%n%n", trueBpd(g, test));
        System.out.println("| prior | μ, σ of the prior | ELBO bits/dim β̃ | ELBO bits/dim β | SWD 1000 steps β̃ (floor) | SWD 50 steps β̃ | train s |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : new String[] {"standard", "priorgrad"}) {
            PriorGrad prior = LikelihoodNames.prior(name, raw);
            Points train = prior.whiten(raw);
            Trained tr = train(new Arm(name, linear, "simple", ReverseVariance.FIXED_SMALL, "uniform"), train, steps, m);
            BoundEstimate small = prior.inDataUnits(elbo(tr.denoiser(), linear, ReverseVariance.FIXED_SMALL, prior.whiten(test), m));
            BoundEstimate large = prior.inDataUnits(elbo(tr.denoiser(), linear, ReverseVariance.FIXED_LARGE, prior.whiten(test), m));
            double clip = 1.5 * maxAbs(train);
            SampleReport full = quality(tr.denoiser(), TimeGrid.full(linear), ReverseVariance.FIXED_SMALL, prior, test, reference, clip, m);
            SampleReport fast = quality(tr.denoiser(), TimeGrid.of(linear, 50, Spacing.UNIFORM), ReverseVariance.FIXED_SMALL, prior, test, reference, clip, m);
            System.out.printf(Locale.ROOT, "| %s | (%.2f, %.2f), (%.2f, %.2f) | %.4f ± %.4f | %.4f ± %.4f | %.4f (%.4f) | %.4f | %.0f |%n", name,
                    prior.whitening().mean()[0], prior.whitening().mean()[1], prior.whitening().std()[0], prior.whitening().std()[1],
                    small.bpd(), small.stderr(), large.bpd(), large.stderr(), full.swd(), full.swdFloor(), fast.swd(), tr.seconds());
            tr.ema().close();
        }
        System.out.println();
    }
}
