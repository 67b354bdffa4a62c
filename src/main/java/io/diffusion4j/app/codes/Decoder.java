package io.diffusion4j.app.codes;

/** A decoder of one code: a batch of received words (row-major, blocks × n) to the decided codeword bits. */
public interface Decoder {
    /** The decided bits (blocks × n, row-major) of {@code blocks} received words at noise std {@code sigma}. */
    int[] decode(float[] y, int blocks, double sigma);

    String name();

    /** Hard decisions: bit 1 where y < 0. */
    static int[] slice(float[] y) {
        int[] b = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            b[i] = y[i] < 0 ? 1 : 0;
        }
        return b;
    }
}
