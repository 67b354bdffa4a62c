package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A one-off NaN is survived with the same final weights as a clean run; a NaN that recurs on replay is rethrown. */
class GuardedTrainingTest {
    private static final int EVERY = 10;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** A regression loss that answers NaN on the calls listed in {@code nanCalls} (1-based). */
    private static TrainingLoss faulty(java.util.Set<Integer> nanCalls) {
        int[] calls = {0};
        return (net, batch, noise) -> {
            calls[0]++;
            NDArray t = batch.x0().getManager().zeros(new ai.djl.ndarray.types.Shape(batch.x0().getShape().get(0)));
            NDArray l = net.forward(batch.x0(), t, null, true).sub(batch.x0().mul(0.5)).square().mean();
            return nanCalls.contains(calls[0]) ? l.mul(Float.NaN) : l;
        };
    }

    private static Map<String, float[]> train(TrainingLoss loss) {
        Network net = Network.create(MlpSpec.of(2, 8), manager, 1);
        Points data = new Points(64, 2, new NoiseSource(2).normalFloats(128));
        TrainConfig config = TrainConfig.defaults(EVERY + 6, 16, 3).withEma(0);
        try (Trainer trainer = new Trainer(net, loss, new PointBatches(data), config)) {
            GuardedTraining.run(trainer, TrainListener.NONE, EVERY);
            assertEquals(config.steps(), trainer.step());
        }
        return net.snapshot();
    }

    @Test
    void aOneOffFaultIsReplayedToTheSameWeights() {
        Map<String, float[]> clean = train(faulty(java.util.Set.of()));
        // call 13 is step 13 (after the checkpoint at 10); after the restore, steps 11… replay cleanly
        Map<String, float[]> survived = train(faulty(java.util.Set.of(EVERY + 3)));
        clean.forEach((k, v) -> assertArrayEquals(v, survived.get(k), 0f, k));
    }

    @Test
    void aRecurringFaultIsRethrown() {
        java.util.Set<Integer> always = new java.util.HashSet<>();
        for (int i = 5; i < 30; i++) {
            always.add(i);
        }
        assertThrows(IllegalStateException.class, () -> train(faulty(always)));
    }
}
