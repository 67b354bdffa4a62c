package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.data.BatchSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained (or training) end-to-end system as a {@link Transceiver}, plus the two pieces the core trainer needs to
 * train it through any {@link Channel}: {@link #messageBatches} (uniform messages, one-hot) and
 * {@link #endToEndLoss} (cross-entropy of the decoder's logits after encoder → channel → decoder; O'Shea &amp; Hoydis
 * 2017, §III-A). The channel may be the true one, a diffusion model or a WGAN generator: gradients reach the encoder
 * through whichever it is, and only the autoencoder's weights are updated.
 */
public record Autoencoder(Network network) implements Transceiver {

    public Autoencoder {
        if (!(network.block() instanceof AutoencoderBlock)) {
            throw new IllegalArgumentException("not an autoencoder network: " + network.spec().type());
        }
    }

    /** The file stem of a saved autoencoder. */
    public static final String FILE = "autoencoder";

    /** Writes DIR/autoencoder.json (M, n and {@code facts}) and DIR/autoencoder.safetensors. */
    public void save(Path dir, Map<String, Object> facts) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>(facts);
        d.put("M", messages());
        d.put("n", n());
        ChannelFiles.save(dir, FILE, network, d);
    }

    /** An autoencoder saved by {@link #save}. */
    public static Autoencoder restore(Path dir, NDManager manager) throws IOException {
        JsonObject d = ChannelFiles.readDescription(dir, FILE);
        Autoencoder ae = create(d.get("M").getAsInt(), d.get("n").getAsInt(), manager, 0);
        ChannelFiles.loadWeights(dir, FILE, ae.network());
        return ae;
    }

    /** A fresh autoencoder for M messages over n channel uses, weights from {@code seed}. */
    public static Autoencoder create(int messages, int n, NDManager manager, long seed) {
        return new Autoencoder(Network.create(new AutoencoderSpec(messages, n), manager, seed));
    }

    private AutoencoderBlock block() {
        return (AutoencoderBlock) network.block();
    }

    private AutoencoderSpec spec() {
        return (AutoencoderSpec) network.spec();
    }

    private ParameterStore store() {
        return new ParameterStore(network.manager(), false);
    }

    @Override
    public int messages() {
        return spec().messages();
    }

    @Override
    public int n() {
        return spec().n();
    }

    /** One-hot rows for messages, in {@code manager}. */
    public NDArray oneHot(int[] messages, NDManager manager) {
        float[] v = new float[messages.length * messages()];
        for (int i = 0; i < messages.length; i++) {
            v[i * messages() + messages[i]] = 1f;
        }
        return manager.create(v, new Shape(messages.length, messages()));
    }

    /** Channel inputs for one-hot messages, differentiable in the encoder's weights. */
    public NDArray encodeOneHot(NDArray oneHot, boolean training) {
        return block().encode(store(), oneHot, training);
    }

    /** Decoder logits for channel outputs. */
    public NDArray logits(NDArray y, boolean training) {
        return block().decode(store(), y, training);
    }

    @Override
    public NDArray encode(int[] messages, NDManager manager) {
        return encodeOneHot(oneHot(messages, manager), false);
    }

    @Override
    public int[] decode(NDArray y) {
        return Transceiver.decisions(logits(y, false).argMax(1));
    }

    @Override
    public String name() {
        return "autoencoder(" + messages() + "," + n() + ")";
    }

    /** Uniform messages as one-hot rows (the batch's x₀; no condition). */
    public BatchSource messageBatches() {
        return (manager, batchSize, noise) -> new Batch(oneHot(noise.ints(batchSize, 0, messages() - 1), manager), null);
    }

    /** Cross-entropy −mean log softmax(decode(channel(encode(m))))_m, the trainer's loss for this autoencoder. */
    public static TrainingLoss endToEndLoss(Channel channel) {
        return (Network net, Batch batch, NoiseSource noise) -> {
            Autoencoder ae = new Autoencoder(net);
            NDArray y = channel.transmit(ae.encodeOneHot(batch.x0(), true), noise);
            NDArray logp = ae.logits(y, true).logSoftmax(1);
            return logp.mul(batch.x0()).sum(new int[] {1}).mean().neg();
        };
    }
}
