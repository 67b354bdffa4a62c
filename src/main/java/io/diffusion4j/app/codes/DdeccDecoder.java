package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Network;

/**
 * DDECC decoding (Choukroun &amp; Wolf, ICLR 2023, §4): up to n − k reverse steps of {@link DdeccProcess} with a
 * trained {@link EcctBlock}, each conditioned on the word's current syndrome weight; a word stops once its syndrome
 * is zero. The decision is the sign of the final word. Batches of up to {@code chunk} words go through the network
 * together; the noise level σ of the channel is not used.
 */
public final class DdeccDecoder implements Decoder {
    private final LinearCode code;
    private final Network network;
    private final DdeccProcess process;
    private final int chunk;

    public DdeccDecoder(LinearCode code, Network network, DdeccProcess process, int chunk) {
        this.code = code;
        this.network = network;
        this.process = process;
        this.chunk = chunk;
    }

    @Override
    public int[] decode(float[] y, int blocks, double sigma) {
        int n = code.n();
        float[] word = y.clone();
        for (int start = 0; start < blocks; start += chunk) {
            int b = Math.min(chunk, blocks - start);
            reverse(word, start, b);
        }
        return Decoder.slice(word);
    }

    /** The reverse chain of words start..start+b of {@code word}, in place. */
    private void reverse(float[] word, int start, int b) {
        int n = code.n();
        int[] weight = new int[b];
        int[] bits = new int[n];
        for (int i = 0; i < b; i++) {
            weight[i] = syndromeWeight(word, (start + i) * n, bits);
        }
        float[] row = new float[n];
        float[] logitRow = new float[n];
        for (int it = 0; it < code.h().length; it++) {
            int active = 0;
            for (int w : weight) {
                active += w > 0 ? 1 : 0;
            }
            if (active == 0) {
                return;
            }
            float[] logits = logits(word, start, b, weight);
            for (int i = 0; i < b; i++) {
                if (weight[i] == 0) {
                    continue;
                }
                int off = (start + i) * n;
                System.arraycopy(word, off, row, 0, n);
                System.arraycopy(logits, i * n, logitRow, 0, n);
                weight[i] = process.step(code, row, logitRow, weight[i]);
                System.arraycopy(row, 0, word, off, n);
            }
        }
    }

    private float[] logits(float[] word, int start, int b, int[] weight) {
        int n = code.n();
        float[] part = new float[b * n];
        System.arraycopy(word, start * n, part, 0, b * n);
        float[] t = new float[b];
        for (int i = 0; i < b; i++) {
            t[i] = weight[i];
        }
        try (NDManager sm = network.manager().newSubManager()) {
            NDArray out = network.forward(sm.create(part, new Shape(b, n)), sm.create(t), null, false);
            return out.toFloatArray();
        }
    }

    private int syndromeWeight(float[] word, int off, int[] bits) {
        for (int j = 0; j < bits.length; j++) {
            bits[j] = word[off + j] < 0 ? 1 : 0;
        }
        return Long.bitCount(code.syndrome(bits));
    }

    @Override
    public String name() {
        return "ddecc";
    }
}
