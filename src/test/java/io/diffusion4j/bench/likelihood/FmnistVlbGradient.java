package io.diffusion4j.bench.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.BatchSource;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.HybridLoss;
import io.diffusion4j.objective.ImportanceTimestepSampler;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The variance of the L_vlb gradient estimate at a trained learned-variance Fashion-MNIST U-Net, with uniform vs
 * importance-sampled t (Nichol &amp; Dhariwal 2021, §3.3): tr Cov(∇L_vlb) over R independent minibatches of B training
 * images, same images and noise streams for both. The importance sampler's history of E[L_t²] is filled first by a
 * sweep of {@value ImportanceTimestepSampler#HISTORY} images per t at the trained weights (what training would have
 * accumulated), so it starts warmed up. Usage: {@code FmnistVlbGradient RUN_DIR [R=100] [B=32]}.
 */
public final class FmnistVlbGradient {
    private FmnistVlbGradient() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        long t0 = System.nanoTime();
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(dir), m)) {
            Schedule s = run.schedule();
            Parametrization p = run.config().prediction();
            ReverseVariance v = io.diffusion4j.run.ImprovedDdpmConfig.of(run.config()).variance();
            ImageSet images = ImageTraining.open("fashion-mnist", 0, FashionMnist.Split.TRAIN, line -> System.err.println(line));
            BatchSource batches = ImageTraining.batches(images, (UNetSpec) run.config().network());
            ImportanceTimestepSampler is = new ImportanceTimestepSampler(s.T());
            warmUp(is, run.denoiser(), s, batches, m);
            double warmSeconds = (System.nanoTime() - t0) / 1e9;
            TrainingLoss[] losses = {HybridLoss.vlb(s, p, v, TimestepSampler.UNIFORM, Decoder.DISCRETIZED_8BIT),
                    HybridLoss.vlb(s, p, v, is, Decoder.DISCRETIZED_8BIT)};
            String[] names = {"uniform t", "importance t"};
            LikelihoodBench.GradientStats[] g = new LikelihoodBench.GradientStats[2];
            for (int a = 0; a < 2; a++) {
                g[a] = LikelihoodBench.gradientStats(run.network(), losses[a], batches, reps, batch, m);
            }
            double diff = 0;
            for (int i = 0; i < g[0].mean().length; i++) {
                diff += Math.pow(g[0].mean()[i] - g[1].mean()[i], 2);
            }
            System.out.printf(Locale.ROOT, "## L_vlb gradient noise at %s (%s schedule, %s variance): %d minibatches of %d%n%n",
                    dir.getFileName(), run.config().schedule().name(), v.id(), reps, batch);
            System.out.println("| t sampling | tr Cov(∇L_vlb) | ‖mean ∇‖ | mean L_vlb estimate (bits/dim) | Var(L_vlb estimate) |");
            System.out.println("|---|---|---|---|---|");
            for (int a = 0; a < 2; a++) {
                System.out.printf(Locale.ROOT, "| %s | %.4g | %.4g | %.4g | %.4g |%n", names[a], g[a].traceCov(), g[a].meanNorm(),
                        g[a].lossMean(), g[a].lossVar());
            }
            System.out.printf(Locale.ROOT, "%nvariance ratio importance/uniform: gradient %.3f, loss %.3f; ‖mean_u − mean_is‖ = %.4g vs noise"
                            + " scale √(tr_u/R + tr_is/R) = %.4g; warm-up sweep %.0f s, total %.0f s%n",
                    g[1].traceCov() / g[0].traceCov(), g[1].lossVar() / g[0].lossVar(), Math.sqrt(diff),
                    Math.sqrt((g[0].traceCov() + g[1].traceCov()) / reps), warmSeconds, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Observes {@value ImportanceTimestepSampler#HISTORY} values of L_t for every t, on fresh images and noise. */
    private static void warmUp(ImportanceTimestepSampler is, Denoiser model, Schedule s, BatchSource batches, NDManager m) {
        VariationalTerms terms = new VariationalTerms(TimeGrid.full(s), Decoder.DISCRETIZED_8BIT, ReverseVariance.FIXED_SMALL);
        NoiseSource noise = new NoiseSource(7).fork(0x1A);
        int k = ImportanceTimestepSampler.HISTORY;
        for (int t = 1; t <= s.T(); t++) {
            try (NDManager sm = m.newSubManager()) {
                NoiseSource nt = noise.fork(t);
                NDArray x0 = batches.next(sm, k, nt).x0();
                NDArray xt = ForwardProcess.qSample(x0, nt.normal(sm, x0.getShape()), s.level(t));
                double[] l = terms.term(x0, model.predict(xt, s.level(t)), s.T() - t).toDoubleArray();
                int[] ts = new int[k];
                java.util.Arrays.fill(ts, t);
                is.observe(ts, l);
            }
        }
        if (!is.warmedUp()) {
            throw new IllegalStateException("the sweep did not fill the importance history");
        }
    }
}
