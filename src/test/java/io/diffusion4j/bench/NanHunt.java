package io.diffusion4j.bench;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.*;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.*;

public final class NanHunt {
    public static void main(String[] a) {
        try (NDManager m = Engines.newManager()) {
            Network net = Network.create(MlpSpec.of(2, 128, 128, 128), m, 1);
            Trainer tr = new Trainer(net, new DenoisingObjective(ScheduleSpec.of("linear", 1000).build(), Parametrization.EPS, LossWeighting.NONE, TimestepSampler.UNIFORM),
                    new PointBatches(ToyData.GMM8.sample(10_000, new NoiseSource(1))), TrainConfig.defaults(Integer.getInteger("steps", 10000), 256, 1));
            TrainListener.Step prev = null;
            while (!tr.done()) {
                try {
                    if (Boolean.getBoolean("gc")) System.gc();
                    TrainListener.Step s = tr.trainStep();
                    if (s.step() > 2850 || s.step() % 500 == 0) {
                        double maxw = 0;
                        for (var w : net.parameters().values()) maxw = Math.max(maxw, w.abs().max().getFloat());
                        System.out.printf("%d loss %.4f gn %.3f maxw %.3f%n", s.step(), s.loss(), s.gradNorm(), maxw);
                    }
                    prev = s;
                } catch (IllegalStateException e) {
                    System.out.println(e.getMessage() + " prev " + prev);
                    for (var e2 : net.parameters().entrySet()) System.out.println(e2.getKey() + " " + e2.getValue().isNaN().any().getBoolean() + " " + e2.getValue().abs().max().getFloat());
                    return;
                }
            }
        }
    }
}
