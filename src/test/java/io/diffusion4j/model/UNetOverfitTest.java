package io.diffusion4j.model;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class UNetOverfitTest {

    /**
     * A small class-conditional U-Net fits one fixed batch (fixed images, labels, timesteps and noise): the ε-loss
     * falls at least tenfold, which needs every part of the forward and backward pass to work.
     */
    @Test
    void overfittingOneBatchLowersTheLossTenfold() {
        ImageSet images = FashionMnist.bundled().load(FashionMnist.Split.TEST).head(4);
        UNetSpec spec = new UNetSpec(1, 28, 28, 8, new int[] {1, 2, 2}, 1, new int[] {2}, 4, 0, 10);
        DenoisingObjective objective = new DenoisingObjective(Schedule.linear(1000, 1e-4, 0.02), Parametrization.EPS,
                LossWeighting.NONE, TimestepSampler.UNIFORM);
        TrainingLoss fixedNoise = (net, batch, noise) -> objective.loss(net, batch, new NoiseSource(5));
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 3)) {
            TrainConfig config = TrainConfig.defaults(40, 4, 1).withLr(3e-3).withWarmup(0).withEma(0);
            try (Trainer trainer = new Trainer(net, fixedNoise, (sm, b, noise) ->
                    new Batch(images.toNDArray(sm), sm.create(new float[] {images.labels()[0], images.labels()[1],
                            images.labels()[2], images.labels()[3]})), config)) {
                double first = trainer.trainStep().loss();
                double last = first;
                while (!trainer.done()) {
                    last = trainer.trainStep().loss();
                }
                assertTrue(last * 10 <= first, "loss " + first + " → " + last);
            }
        }
    }
}
