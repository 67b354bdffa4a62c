package io.diffusion4j.objective;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The importance sampler of Nichol &amp; Dhariwal 2021 §3.3: warm-up, p_t ∝ √E[L_t²], unbiasedness, saved state. */
class ImportanceTimestepSamplerTest {
    private static final int T = 8;
    /** A loss per t spanning two orders of magnitude, like L_vlb's terms. */
    private static final double[] LOSS = {40, 9, 3, 1.5, 1, 0.7, 0.5, 0.4};

    private static ImportanceTimestepSampler warmed() {
        ImportanceTimestepSampler s = new ImportanceTimestepSampler(T);
        for (int k = 0; k < ImportanceTimestepSampler.HISTORY; k++) {
            for (int t = 1; t <= T; t++) {
                assertFalse(s.warmedUp());
                s.observe(new int[] {t}, new double[] {LOSS[t - 1] * (k % 2 == 0 ? 0.9 : 1.1)});
            }
        }
        return s;
    }

    @Test
    void drawsAreUniformUntilEveryStepHasItsHistory() {
        ImportanceTimestepSampler s = new ImportanceTimestepSampler(T);
        s.observe(new int[] {1, 1, 1}, new double[] {100, 100, 100});
        TimestepSampler.Draw d = s.draw(1000, T, new NoiseSource(1));
        assertTrue(Arrays.stream(d.weights()).allMatch(w -> w == 1.0));
        assertArrayEquals(TimestepSampler.UNIFORM.draw(1000, T, new NoiseSource(1)).t(), d.t(), "uniform draws, same stream");
    }

    @Test
    void afterWarmUpTheLawIsTheRootMeanSquareAndTheWeightsUndoIt() {
        ImportanceTimestepSampler s = warmed();
        assertTrue(s.warmedUp());
        double[] p = s.probabilities();
        double total = 0;
        for (double l : LOSS) {
            total += l * Math.sqrt((0.81 + 1.21) / 2);
        }
        for (int t = 0; t < T; t++) {
            // √E[L²] of the alternating ±10 % history is L·√((0.81 + 1.21)/2); float32 history: 1e-7 relative
            double want = 0.999 * LOSS[t] * Math.sqrt((0.81 + 1.21) / 2) / total + 0.001 / T;
            assertEquals(want, p[t], 1e-6, "p_" + (t + 1));
        }
        int n = 40000;
        TimestepSampler.Draw d = s.draw(n, T, new NoiseSource(2));
        int[] count = new int[T];
        double sum = 0;
        double sumSq = 0;
        double uniformSq = 0;
        for (int i = 0; i < n; i++) {
            int t = d.t()[i];
            count[t - 1]++;
            assertEquals(1 / (T * p[t - 1]), d.weights()[i], 1e-12);
            double est = d.weights()[i] * LOSS[t - 1];
            sum += est;
            sumSq += est * est;
        }
        for (int t = 0; t < T; t++) {
            // binomial counts: 5 standard deviations √(n·p(1−p))
            assertEquals(n * p[t], count[t], 5 * Math.sqrt(n * p[t] * (1 - p[t])), "frequency of t=" + (t + 1));
            uniformSq += LOSS[t] * LOSS[t] / T;
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        double exactMean = Arrays.stream(LOSS).average().orElseThrow();
        // the weighted loss is unbiased for the uniform mean: 4 standard errors
        assertEquals(exactMean, mean, 4 * Math.sqrt(var / n));
        double uniformVar = uniformSq - exactMean * exactMean;
        assertTrue(var < 0.05 * uniformVar, "variance " + var + " should be far below the uniform " + uniformVar);
    }

    @Test
    void theStateRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
        ImportanceTimestepSampler s = warmed();
        s.observe(new int[] {3, 5}, new double[] {7.25, 0.125});
        Path f = dir.resolve("timesteps.safetensors");
        s.save(f);
        ImportanceTimestepSampler r = new ImportanceTimestepSampler(T);
        r.restore(f);
        assertArrayEquals(s.probabilities(), r.probabilities());
        assertArrayEquals(s.draw(500, T, new NoiseSource(3)).t(), r.draw(500, T, new NoiseSource(3)).t());
        ImportanceTimestepSampler other = new ImportanceTimestepSampler(T + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restore(f));
        assertTrue(e.getMessage().contains("T=" + (T + 1)));
        assertThrows(IllegalArgumentException.class, () -> s.draw(4, T + 1, new NoiseSource(4)));
    }

    /** The trainer resumed from a checkpoint plus the sampler's file continues exactly as an uninterrupted run. */
    @Test
    void aResumedRunWithItsSamplerStateIsBitIdentical(@TempDir Path dir) throws Exception {
        Schedule schedule = Schedule.cosine(20, 0.008, 0.999);
        MlpSpec spec = new MlpSpec(2, new int[] {16, 16}, 16, 0, 4);
        PointBatches data = new PointBatches(ToyData.GAUSS.sample(256, new NoiseSource(5)));
        TrainConfig cfg = TrainConfig.defaults(12, 64, 9);
        Map<String, float[]> straight;
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 1)) {
            ImportanceTimestepSampler ts = new ImportanceTimestepSampler(schedule.T());
            try (Trainer tr = new Trainer(net, loss(schedule, ts), data, cfg)) {
                while (!tr.done()) {
                    tr.trainStep();
                }
                assertTrue(ts.warmedUp(), "12 steps of 64 fill 20 histories of 10");
                straight = net.snapshot();
            }
        }
        Path ckpt = dir.resolve("ckpt.safetensors");
        Path side = dir.resolve("ckpt.safetensors.timesteps");
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 1)) {
            ImportanceTimestepSampler ts = new ImportanceTimestepSampler(schedule.T());
            try (Trainer tr = new Trainer(net, loss(schedule, ts), data, cfg)) {
                for (int k = 0; k < 7; k++) {
                    tr.trainStep();
                }
                tr.saveCheckpoint(ckpt, Map.of());
                ts.save(side);
            }
        }
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 2)) {
            ImportanceTimestepSampler ts = new ImportanceTimestepSampler(schedule.T());
            try (Trainer tr = new Trainer(net, loss(schedule, ts), data, cfg)) {
                tr.restore(ckpt);
                ts.restore(side);
                while (!tr.done()) {
                    tr.trainStep();
                }
                Map<String, float[]> resumed = net.snapshot();
                straight.forEach((k, v) -> assertArrayEquals(v, resumed.get(k), k));
            }
        }
    }

    private static TrainingLoss loss(Schedule schedule, TimestepSampler ts) {
        return HybridLoss.vlb(schedule, Parametrization.EPS, ReverseVariance.LEARNED, ts, Decoder.GAUSSIAN);
    }
}
