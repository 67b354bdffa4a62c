package io.diffusion4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

import java.util.Locale;

/**
 * Resident memory of a long training loop (and a long sampling chain): RSS after warm-up vs at the end. Run with a
 * capped heap (bench/memory/run.sh uses -Xmx256m) so the figure shows native (libtorch) growth, not heap sizing.
 * Args: [steps=10000] [warmup=1000].
 */
public final class MemoryBench {
    public static void main(String[] args) {
        int steps = BenchSupport.intArg(args, 0, 10_000);
        int warm = BenchSupport.intArg(args, 1, 1000);
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        try (NDManager m = Engines.newManager()) {
            Network net = Network.create(MlpSpec.of(2, 128, 128, 128), m, 1);
            Trainer tr = new Trainer(net, new DenoisingObjective(s, Parametrization.EPS, LossWeighting.NONE, TimestepSampler.UNIFORM),
                    new PointBatches(ToyData.GMM8.sample(10_000, new NoiseSource(1))), TrainConfig.defaults(steps, 256, 1));
            long rssWarm = 0;
            long t0 = System.nanoTime();
            while (!tr.done()) {
                int k = tr.trainStep().step();
                if (k == warm) {
                    System.gc();
                    rssWarm = BenchSupport.rssKiB();
                }
                if (k % 2000 == 0) {
                    System.out.printf(Locale.ROOT, "step %6d  rss %7d KiB  %.0f steps/s%n", k, BenchSupport.rssKiB(), k / ((System.nanoTime() - t0) / 1e9));
                }
            }
            System.gc();
            long rssEnd = BenchSupport.rssKiB();
            System.out.printf(Locale.ROOT, "non-finite gradient steps skipped: %d%n", tr.skippedSteps());
            System.out.printf(Locale.ROOT, "training: RSS after %d warm-up steps %d KiB, after %d steps %d KiB: growth %.2f %%%n",
                    warm, rssWarm, steps, rssEnd, 100.0 * (rssEnd - rssWarm) / rssWarm);
            // A sampling chain of 10,000 DDIM steps (10 passes over the full 1000-step grid).
            NetworkDenoiser d = new NetworkDenoiser(net, Parametrization.EPS);
            long rssS0 = 0;
            for (int pass = 0; pass < 10; pass++) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray x = new NoiseSource(pass).normal(sm, new Shape(256, 2));
                    new DdimSampler(0).sample(d, TimeGrid.full(s), x, new NoiseSource(pass), StepListener.NONE);
                }
                System.gc();
                long rss = BenchSupport.rssKiB();
                if (pass == 0) {
                    rssS0 = rss;
                }
                System.out.printf(Locale.ROOT, "sampling pass %d (%,d steps): rss %d KiB%n", pass, 1000 * (pass + 1), rss);
            }
            System.gc();
            long rssS1 = BenchSupport.rssKiB();
            System.out.printf(Locale.ROOT, "sampling: RSS after 1,000 steps %d KiB, after 10,000 steps %d KiB: growth %.2f %%%n",
                    rssS0, rssS1, 100.0 * (rssS1 - rssS0) / rssS0);
            tr.close();
        }
    }
}
