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
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

import java.util.Locale;

/**
 * The core throughput figures, mirrored step for step by bench/core/torch_mlp.py: the MLP denoiser
 * (2-D data, widths 128×3, time embedding 64) training step — batch 256, ε-MSE, Adam, global-norm clip, EMA — and
 * DDIM-50 sampling of 4,000 points. Prints one JSON line.
 */
public final class CoreBench {
    public static void main(String[] args) {
        int trainSteps = BenchSupport.intArg(args, 0, 1000);
        int warm = 100;
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        try (NDManager m = Engines.newManager()) {
            Network net = Network.create(MlpSpec.of(2, 128, 128, 128), m, 1);
            Trainer tr = new Trainer(net, new DenoisingObjective(s, Parametrization.EPS, LossWeighting.NONE, TimestepSampler.UNIFORM),
                    new PointBatches(ToyData.GMM8.sample(10_000, new NoiseSource(1))), TrainConfig.defaults(trainSteps + warm, 256, 1));
            for (int i = 0; i < warm; i++) {
                tr.trainStep();
            }
            long t0 = System.nanoTime();
            while (!tr.done()) {
                tr.trainStep();
            }
            double trainPerSec = trainSteps / ((System.nanoTime() - t0) / 1e9);
            NetworkDenoiser d = new NetworkDenoiser(net, Parametrization.EPS);
            TimeGrid grid = TimeGrid.of(s, 50, Spacing.UNIFORM);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 4; rep++) {
                try (NDManager sm = m.newSubManager()) {
                    NDArray x = new NoiseSource(rep).normal(sm, new Shape(4000, 2));
                    long s0 = System.nanoTime();
                    new DdimSampler(0).sample(d, grid, x, new NoiseSource(rep), StepListener.NONE).toFloatArray();
                    best = Math.min(best, (System.nanoTime() - s0) / 1e9);
                }
            }
            System.out.printf(Locale.ROOT, "{\"impl\":\"diffusion4j\",\"params\":%d,\"train_steps_per_s\":%.2f,\"ddim50_4000_s\":%.4f}%n",
                    net.parameterCount(), trainPerSec, best);
            tr.close();
        }
    }
}
