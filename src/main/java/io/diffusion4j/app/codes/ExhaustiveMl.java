package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Exact soft-decision maximum-likelihood decoding on AWGN: with equiprobable codewords and BPSK, argmax p(y|c) is
 * the codeword whose ±1 image has the largest correlation ⟨y, 1 − 2c⟩ (Proakis &amp; Salehi, 5th ed., eq. 7.5-19).
 * All 2^k correlations of a batch come from one matrix product y·Xᵀ with the ±1 codebook X (2^k × n); k <= 16.
 */
public final class ExhaustiveMl implements Decoder, AutoCloseable {
    /** The largest k decoded this way (2^16 codewords). */
    public static final int MAX_K = 16;
    /** Scores computed per product: blocks × 2^k. */
    private static final long SCORES_PER_PRODUCT = 1L << 23;
    private final LinearCode code;
    private final NDManager manager;
    private final NDArray codebook;
    private final int[][] codewords;

    public ExhaustiveMl(LinearCode code, NDManager parent) {
        if (code.k() > MAX_K) {
            throw new IllegalArgumentException("exact ML enumerates 2^k codewords and stops at k = " + MAX_K + "; "
                    + code.name() + " has k = " + code.k() + " (use --decoder hard, bp or ddecc)");
        }
        this.code = code;
        this.manager = parent.newSubManager();
        int size = 1 << code.k();
        int n = code.n();
        codewords = new int[size][];
        float[] x = new float[size * n];
        for (int m = 0; m < size; m++) {
            codewords[m] = code.encodeIndex(m);
            for (int j = 0; j < n; j++) {
                x[m * n + j] = 1 - 2 * codewords[m][j];
            }
        }
        codebook = manager.create(x, new Shape(size, n));
    }

    @Override
    public int[] decode(float[] y, int blocks, double sigma) {
        int n = code.n();
        int[] out = new int[blocks * n];
        int chunk = (int) Math.max(1, SCORES_PER_PRODUCT >> code.k());
        for (int start = 0; start < blocks; start += chunk) {
            int b = Math.min(chunk, blocks - start);
            float[] part = new float[b * n];
            System.arraycopy(y, start * n, part, 0, b * n);
            long[] best;
            try (NDManager sm = manager.newSubManager()) {
                NDArray scores = sm.create(part, new Shape(b, n)).matMul(codebook.transpose());
                best = scores.argMax(1).toLongArray();
            }
            for (int i = 0; i < b; i++) {
                System.arraycopy(codewords[(int) best[i]], 0, out, (start + i) * n, n);
            }
        }
        return out;
    }

    @Override
    public String name() {
        return "ml";
    }

    @Override
    public void close() {
        manager.close();
    }
}
