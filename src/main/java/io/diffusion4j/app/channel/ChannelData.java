package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;

/**
 * Measurements of a channel: inputs x and the outputs y it returned, the training set of a channel model. Inputs are
 * either i.i.d. N(0, I_n) (the pretraining algorithm: the model must cover whatever an encoder will send) or points
 * of a codebook (the tutorial toy, the iterative algorithm's current encoder).
 *
 * @param inputs  channel inputs x, n per row
 * @param outputs channel outputs y, n per row
 */
public record ChannelData(Points inputs, Points outputs) {

    /** Sends {@code inputs} through {@code channel} in batches of at most 65 536 rows. */
    public static ChannelData measure(Channel channel, Points inputs, NDManager manager, NoiseSource noise) {
        float[] y = new float[inputs.values().length];
        int batch = 65_536;
        for (int from = 0, k = 0; from < inputs.n(); from += batch, k++) {
            int to = Math.min(inputs.n(), from + batch);
            try (NDManager sm = manager.newSubManager()) {
                NDArray out = channel.transmit(inputs.slice(from, to).toNDArray(sm), noise.fork(k));
                System.arraycopy(out.toFloatArray(), 0, y, from * inputs.d(), (to - from) * inputs.d());
            }
        }
        return new ChannelData(inputs, new Points(inputs.n(), inputs.d(), y));
    }

    /** N inputs x ~ N(0, I_n). */
    public static Points gaussianInputs(int count, int n, NoiseSource noise) {
        return new Points(count, n, noise.normalFloats(count * n));
    }

    /** N uniformly chosen messages of a transceiver, encoded. */
    public static Points codewordInputs(Transceiver tx, int count, NDManager manager, NoiseSource noise) {
        try (NDManager sm = manager.newSubManager()) {
            return Points.of(tx.encode(noise.ints(count, 0, tx.messages() - 1), sm).stopGradient());
        }
    }
}
