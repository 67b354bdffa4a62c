package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Network;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each algorithm feeds its channel learner: the pretraining algorithm measures the true channel on
 * x ~ N(0, I_n); the iterative one on the current encoder's M codewords, once per round. A recording learner stands
 * in for the model and returns the true channel, so the plumbing is checked without training a model.
 */
class AlgorithmsTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** Records the measurements and answers with the true channel. */
    private static final class Recorder implements ChannelLearner {
        final List<ChannelData> seen = new ArrayList<>();
        final Channel truth;

        Recorder(Channel truth) {
            this.truth = truth;
        }

        @Override
        public Channel fit(ChannelData data, TrainListener listener) {
            seen.add(data);
            return truth;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public Network network() {
            return null;
        }

        @Override
        public Map<String, Object> description() {
            return Map.of();
        }
    }

    @Test
    void pretrainingMeasuresGaussianInputsOnce() {
        Channel truth = new AwgnChannel(0.5);
        Recorder rec = new Recorder(truth);
        Autoencoder ae = Autoencoder.create(4, 3, manager, 1);
        new PretrainingAlgorithm(20_000, new AutoencoderTraining(5, 16, 1e-3, 0, 2)).run(truth, ae, rec, manager,
                TrainListener.NONE, TrainListener.NONE);
        assertEquals(1, rec.seen.size());
        ChannelData d = rec.seen.get(0);
        assertEquals(3, d.inputs().d());
        double s = 0;
        double r = 0;
        for (int i = 0; i < d.inputs().values().length; i++) {
            double x = d.inputs().values()[i];
            s += x * x;
            r += Math.pow(d.outputs().values()[i] - x, 2);
        }
        int count = d.inputs().values().length;
        // E x² = 1 (N(0, 1) inputs) and E (y − x)² = σ² = 0.25; sd of a mean of squares of normals is √(2/N)·variance
        assertEquals(1, s / count, 4.5 * Math.sqrt(2.0 / count));
        assertEquals(0.25, r / count, 4.5 * 0.25 * Math.sqrt(2.0 / count));
    }

    @Test
    void iterativeMeasuresTheCurrentCodewordsEveryRound() {
        Channel truth = new AwgnChannel(0.3);
        Recorder rec = new Recorder(truth);
        Autoencoder ae = Autoencoder.create(4, 3, manager, 3);
        new IterativeAlgorithm(3, 500, new AutoencoderTraining(20, 64, 1e-2, 0, 4)).run(truth, ae, rec, manager,
                TrainListener.NONE, TrainListener.NONE);
        assertEquals(3, rec.seen.size());
        List<Set<String>> codebooks = new ArrayList<>();
        for (ChannelData d : rec.seen) {
            Set<String> rows = new HashSet<>();
            for (int i = 0; i < d.inputs().n(); i++) {
                double e = 0;
                StringBuilder key = new StringBuilder();
                for (double v : d.inputs().row(i)) {
                    e += v * v;
                    key.append(Math.round(v * 1e4)).append(',');
                }
                assertEquals(3, e, 1e-3, "codewords meet the power convention");
                rows.add(key.toString());
            }
            assertEquals(4, rows.size(), "only the M current codewords are sent");
            codebooks.add(rows);
        }
        assertTrue(!codebooks.get(0).equals(codebooks.get(2)), "the encoder changes between rounds");
    }
}
