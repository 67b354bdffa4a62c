package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.data.Batch;
import io.diffusion4j.data.BatchSource;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Training of the DDECC network (Choukroun &amp; Wolf, ICLR 2023, §4.1): the loss is the binary cross-entropy of the
 * network's logits against the sign of the multiplicative noise, bin(sign(y·x)), conditioned on the syndrome weight
 * of y. The all-zero codeword is sent: the inputs |y| and the syndrome and the target depend on the noise only, not
 * on the codeword, so this is no loss of generality. Half of each batch is received at Eb/N0 uniform in
 * [{@code ebN0LowDb}, {@code ebN0HighDb}] (the channel's noise, where decoding starts), half at a noise level
 * √β̄_t of the forward process with t uniform in 0..n−k+4 (the smaller noise of the later reverse steps). Adam at
 * {@code lr} with the core trainer (warm-up, clipping 1.0, no EMA); the run folder holds ddecc.json (the settings),
 * checkpoint.safetensors (weights, optimiser and step, so a stopped run resumes exactly) and, at the end,
 * ddecc.safetensors.
 */
public record DdeccTraining(int steps, int batch, double lr, double ebN0LowDb, double ebN0HighDb, long seed) {
    public static final String FILE = "ddecc";
    public static final String CHECKPOINT = "checkpoint.safetensors";

    public DdeccTraining {
        if (steps < 1 || batch < 1 || !(lr > 0) || !(ebN0LowDb <= ebN0HighDb)) {
            throw new IllegalArgumentException("DDECC training needs steps, batch >= 1, lr > 0 and a low Eb/N0 <= the high one");
        }
    }

    /** The training batches: received words y (B, n) and flip targets (B, n) as the batch's condition. */
    public BatchSource batches(LinearCode code, DdeccProcess process) {
        int n = code.n();
        int levels = code.h().length + 5;
        return (NDManager manager, int b, NoiseSource noise) -> {
            float[] y = new float[b * n];
            float[] flip = new float[b * n];
            for (int i = 0; i < b; i++) {
                double sigma = i % 2 == 0
                        ? new AwgnBpsk(ebN0LowDb + (ebN0HighDb - ebN0LowDb) * noise.nextDouble(), code.rate()).sigma()
                        : Math.sqrt(process.betaBar(noise.nextInt(0, levels - 1)));
                for (int j = 0; j < n; j++) {
                    float v = (float) (1 + sigma * noise.nextGaussian());
                    y[i * n + j] = v;
                    flip[i * n + j] = v < 0 ? 1f : 0f;
                }
            }
            return new Batch(manager.create(y, new Shape(b, n)), manager.create(flip, new Shape(b, n)));
        };
    }

    /** Mean binary cross-entropy softplus(l) − target·l of the logits l given y and its syndrome weight. */
    public static TrainingLoss loss(LinearCode code) {
        return (Network net, Batch batch, NoiseSource noise) -> {
            NDArray y = batch.x0();
            float[] weights = syndromeWeights(code, y.toFloatArray());
            NDArray logits = net.forward(y, y.getManager().create(weights), null, true);
            return Activation.softPlus(logits).sub(logits.mul(batch.condition())).mean();
        };
    }

    static float[] syndromeWeights(LinearCode code, float[] y) {
        int n = code.n();
        float[] w = new float[y.length / n];
        int[] bits = new int[n];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < n; j++) {
                bits[j] = y[i * n + j] < 0 ? 1 : 0;
            }
            w[i] = Long.bitCount(code.syndrome(bits));
        }
        return w;
    }

    /**
     * Trains {@code network} in the run folder {@code dir}: resumes from its checkpoint when {@code resume}, writes
     * the checkpoint every {@code checkpointEvery} steps and the final weights with {@code description}.
     */
    public void run(LinearCode code, DdeccProcess process, Network network, Path dir, boolean resume, int checkpointEvery,
                    Map<String, Object> description, TrainListener listener) throws IOException {
        TrainConfig config = TrainConfig.defaults(steps, batch, seed).withLr(lr).withEma(0)
                .withIntervals(Math.max(1, steps / 100), checkpointEvery);
        Path ck = dir.resolve(CHECKPOINT);
        try (Trainer trainer = new Trainer(network, loss(code), batches(code, process), config)) {
            if (resume) {
                if (!Files.exists(ck)) {
                    throw new IllegalArgumentException("--resume: " + ck + " does not exist; start without --resume");
                }
                trainer.restore(ck);
            }
            trainer.run(listener, ck, Map.of("code", code.name()));
        }
        Map<String, Object> d = new LinkedHashMap<>(description);
        d.put("finished_steps", steps);
        ChannelFiles.save(dir, FILE, network, d);
    }
}
