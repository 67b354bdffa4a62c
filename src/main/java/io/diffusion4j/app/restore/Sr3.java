package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import io.diffusion4j.data.image.ImageBatches;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.inverse.DownSample;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.data.Batch;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.data.BatchSource;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SR3-style conditional super-resolution (Saharia et al. 2022, "Image Super-Resolution via Iterative Refinement",
 * §2): a U-Net whose input is x_t concatenated along channels with the bicubic-up-sampled low-resolution image
 * (§2.4), trained with the plain ε-objective (their Eq. 6 with the condition as an extra input) on pairs made on the
 * fly from clean images, y = pool_N(x₀). Sampling is any sampler over {@link #denoiser}, the network bound to the
 * up-sampled measurement. The training pairs are noiseless; a noisy y (σ_y &gt; 0) is a mild distribution shift.
 * Saved as one safetensors file with the spec, factor, schedule, steps and seed in its metadata.
 *
 * @param network the conditional U-Net ({@link UNetSpec#condChannels()} = channels)
 * @param factor  the super-resolution factor N it was trained for
 */
public record Sr3(Network network, int factor) implements AutoCloseable {
    /** The file name inside an SR3 model directory. */
    public static final String FILE = "model.safetensors";
    /** The diffusion every SR3 model here is trained and sampled with: linear β, T = 1000, ε-prediction. */
    public static final Schedule SCHEDULE = Schedule.linear(1000, 1e-4, 0.02);
    private static final Gson GSON = new Gson();

    /** The operator whose measurements this model inverts: N×N average pooling, bicubic up-sampling as condition. */
    public DownSample operator() {
        return new DownSample(factor, DownSample.Upsampling.BICUBIC);
    }

    /** The network bound to the measurement y (B, C, H/N, W/N): conditioned on its bicubic up-sampling. */
    public NetworkDenoiser denoiser(NDArray y) {
        return new NetworkDenoiser(network, Parametrization.EPS, operator().naiveInverse(y));
    }

    /**
     * Batches of clean images with their condition, the up-sampled pooled image, computed in the step's manager
     * from {@code clean} (which draws x₀ with the step's noise).
     */
    public static BatchSource pairs(BatchSource clean, DownSample op) {
        return (manager, size, noise) -> {
            NDArray x0 = clean.next(manager, size, noise).x0();
            return new Batch(x0, op.naiveInverse(op.apply(x0)));
        };
    }

    /** Trains an SR3 model for factor N on the images; {@code spec} must take {@code channels} conditioning channels. */
    public static Sr3 train(ImageSet images, UNetSpec spec, int factor, TrainConfig config, NDManager manager,
                            TrainListener progress) {
        if (spec.condChannels() != spec.channels() || spec.classes() != 0) {
            throw new IllegalArgumentException("SR3 needs an unconditional U-Net with " + spec.channels()
                    + " conditioning channels, got " + spec);
        }
        DownSample op = new DownSample(factor, DownSample.Upsampling.BICUBIC);
        op.measurementShape(spec.sampleShape(1)); // the factor must divide the image size
        Network net = Network.create(spec, manager, config.seed());
        DenoisingObjective loss = new DenoisingObjective(SCHEDULE, Parametrization.EPS, LossWeighting.NONE,
                TimestepSampler.UNIFORM);
        try (Trainer trainer = new Trainer(net, loss, pairs(new ImageBatches(images, false), op), config)) {
            while (!trainer.done()) {
                progress.onStep(trainer.trainStep());
            }
            net.load(trainer.samplingWeights());
        }
        return new Sr3(net, factor);
    }

    /** Writes the sampling weights with spec, factor and {@code provenance} (command, steps, seed…) as metadata. */
    public void save(Path dir, Map<String, String> provenance) throws IOException {
        Files.createDirectories(dir);
        Map<String, Tensor> t = new LinkedHashMap<>();
        network.parameters().forEach((k, v) -> t.put(k, new Tensor(v.getShape().getShape(), v.toFloatArray())));
        Map<String, String> meta = new LinkedHashMap<>(provenance);
        meta.put("type", "sr3");
        meta.put("spec", GSON.toJson(network.spec()));
        meta.put("factor", String.valueOf(factor));
        meta.put("schedule", "linear(1000, 1e-4, 0.02)");
        meta.put("prediction", "eps");
        Safetensors.write(dir.resolve(FILE), t, meta);
    }

    /** An SR3 model directory written by {@link #save}; one-line errors for anything else. */
    public static Sr3 load(Path dir, NDManager manager) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no " + FILE + "; give an SR3 model directory (see README, 'SR3')");
        }
        Safetensors.Contents c;
        try {
            c = Safetensors.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is unreadable: " + e.getMessage());
        }
        if (!"sr3".equals(c.metadata().get("type"))) {
            throw new IllegalArgumentException(dir + " is not an SR3 model (its metadata lacks type=sr3); --method sr3 needs"
                    + " a run trained for super-resolution");
        }
        UNetSpec spec = GSON.fromJson(c.metadata().get("spec"), UNetSpec.class);
        Network net = Network.create(spec, manager, 0);
        Map<String, float[]> w = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> w.put(k, v.data()));
        net.load(w);
        return new Sr3(net, Integer.parseInt(c.metadata().get("factor")));
    }

    /** A one-line error unless the model was trained for this factor. */
    public void requireFactor(int n) {
        if (n != factor) {
            throw new IllegalArgumentException("this SR3 model was trained for ×" + factor + ", not ×" + n
                    + "; use --factor " + factor + " or a model trained for ×" + n);
        }
    }

    @Override
    public void close() {
        network.close();
    }
}
