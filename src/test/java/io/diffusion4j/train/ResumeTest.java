package io.diffusion4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A run stopped at a checkpoint and resumed in a fresh trainer ends bit for bit where an uninterrupted run ends. */
class ResumeTest {
    static final int STEPS = 120;
    static final TrainConfig CONFIG = TrainConfig.defaults(STEPS, 64, 5).withWarmup(20).withEma(0.99);
    static final Points DATA = ToyData.GMM8.sample(2000, new NoiseSource(1));

    static Trainer trainer(NDManager m) {
        Network net = Network.create(MlpSpec.of(2, 32, 32), m, 5);
        return new Trainer(net, new DenoisingObjective(ScheduleSpec.of("cosine", 200).build(), Parametrization.V,
                LossWeighting.minSnr(5), TimestepSampler.UNIFORM), new PointBatches(DATA), CONFIG);
    }

    /**
     * A class-conditional U-Net with dropout, whose training steps run split in two batch chunks on two threads
     * (DataParallelStep, two intra-op threads set here whatever the machine has): the chunks' gradients add up in a
     * fixed order and the dropout masks come from each chunk's own inputs, so resume is exact here too.
     */
    static Trainer unetTrainer(NDManager m) {
        UNetSpec spec = new UNetSpec(1, 28, 28, 8, new int[] {1, 2}, 1, new int[] {1}, 4, 0.1, 10);
        ImageSet images = FashionMnist.bundled().load(FashionMnist.Split.TEST).head(200);
        return new Trainer(Network.create(spec, m, 5), ImageTraining.loss(ScheduleSpec.of("linear", 1000).build(),
                Parametrization.EPS, LossWeighting.NONE, spec), ImageTraining.batches(images, spec),
                TrainConfig.defaults(12, 32, 5).withWarmup(4).withEma(0.9));
    }

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path dir) throws Exception {
        assertResumeMatches(dir, ResumeTest::trainer, 47);
    }

    @Test
    void resumedSplitUNetRunMatchesUninterruptedRun(@TempDir Path dir) throws Exception {
        Engines.engine();
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
        try {
            assertResumeMatches(dir, ResumeTest::unetTrainer, 5);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static void assertResumeMatches(Path dir, java.util.function.Function<NDManager, Trainer> trainer, int stopAt)
            throws Exception {
        Path ckpt = dir.resolve("checkpoint.safetensors");
        double straightLoss;
        Map<String, float[]> straightEma;
        Map<String, float[]> straightWeights;
        try (NDManager m = Engines.newManager(); Trainer t = trainer.apply(m)) {
            TrainListener.Step last = null;
            while (!t.done()) {
                last = t.trainStep();
            }
            straightLoss = last.loss();
            straightEma = t.samplingWeights();
            straightWeights = t.network().snapshot();
        }
        try (NDManager m = Engines.newManager(); Trainer t = trainer.apply(m)) {
            for (int i = 0; i < stopAt; i++) {
                t.trainStep();
            }
            t.saveCheckpoint(ckpt, Map.of());
            for (int i = 0; i < 10; i++) {
                t.trainStep();   // work after the checkpoint is lost by the "crash"
            }
        }
        try (NDManager m = Engines.newManager(); Trainer t = trainer.apply(m)) {
            t.restore(ckpt);
            assertEquals(stopAt, t.step());
            TrainListener.Step last = null;
            while (!t.done()) {
                last = t.trainStep();
            }
            assertEquals(straightLoss, last.loss(), 0.0, "final loss must be identical");
            for (String k : straightWeights.keySet()) {
                assertArrayEquals(straightWeights.get(k), t.network().snapshot().get(k), 0f, k);
                assertArrayEquals(straightEma.get(k), t.samplingWeights().get(k), 0f, "EMA " + k);
            }
            assertNotEquals(0.0, straightLoss);
        }
    }
}
