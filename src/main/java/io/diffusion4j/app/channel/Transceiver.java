package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A transmitter and receiver pair for M messages over n real channel uses: a classical mapper with its detector
 * ({@link Constellation}, {@link Hamming74}) or a learned autoencoder. Channel inputs obey the package's power
 * convention, so every transceiver can be evaluated on every {@link Channel} at the same Eb/N0.
 */
public interface Transceiver {

    /** Number of messages M. */
    int messages();

    /** Real channel uses per message. */
    int n();

    /** Channel inputs (B, n) for messages in 0..M−1, in {@code manager}. */
    NDArray encode(int[] messages, NDManager manager);

    /** Decided messages for channel outputs y (B, n). */
    int[] decode(NDArray y);

    /** A short name for reports. */
    String name();

    /** Row-wise arg-max (or arg-min) indices, shape (B), as decided messages. */
    static int[] decisions(NDArray indices) {
        long[] idx = indices.toLongArray();
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (int) idx[i];
        }
        return out;
    }
}
