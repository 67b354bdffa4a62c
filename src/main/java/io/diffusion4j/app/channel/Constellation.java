package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A codebook of M points in ℝⁿ with minimum-distance detection (maximum likelihood on AWGN): 16-QAM
 * ({±1, ±3}/√5 per real dimension), BPSK (±1) and the 16 BPSK-mapped codewords of Hamming(7,4), whose
 * minimum-distance detector is the exhaustive soft-decision ML decoder. All have unit average energy per dimension.
 *
 * @param name   for reports
 * @param n      real dimensions per point
 * @param points M·n coordinates, row-major
 */
public record Constellation(String name, int n, float[] points) implements Transceiver {

    public Constellation {
        if (n < 1 || points.length == 0 || points.length % n != 0) {
            throw new IllegalArgumentException("a constellation needs M·n coordinates, got " + points.length + " for n = " + n);
        }
        points = points.clone();
    }

    /** 16-QAM on n = 2: message m ↦ (L[m mod 4], L[m div 4]) with L = {−3, −1, 1, 3}/√5. */
    public static Constellation qam16() {
        float[] p = new float[32];
        for (int m = 0; m < 16; m++) {
            p[2 * m] = (float) ((2 * (m % 4) - 3) / Math.sqrt(5));
            p[2 * m + 1] = (float) ((2 * (m / 4) - 3) / Math.sqrt(5));
        }
        return new Constellation("16-qam", 2, p);
    }

    /** BPSK: message b ↦ 1 − 2b. */
    public static Constellation bpsk() {
        return new Constellation("bpsk", 1, new float[] {1f, -1f});
    }

    /** Hamming(7,4) codewords under BPSK, detected by exhaustive soft-decision ML over the 16 codewords. */
    public static Constellation hamming74() {
        float[] p = new float[16 * 7];
        for (int m = 0; m < 16; m++) {
            int[] c = Hamming74.codeword(m);
            for (int j = 0; j < 7; j++) {
                p[7 * m + j] = 1 - 2 * c[j];
            }
        }
        return new Constellation("hamming74-soft-ml", 7, p);
    }

    @Override
    public int messages() {
        return points.length / n;
    }

    /** The points as an (M, n) array. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(points, new Shape(messages(), n));
    }

    @Override
    public NDArray encode(int[] messages, NDManager manager) {
        float[] x = new float[messages.length * n];
        for (int i = 0; i < messages.length; i++) {
            System.arraycopy(points, messages[i] * n, x, i * n, n);
        }
        return manager.create(x, new Shape(messages.length, n));
    }

    /** argmin_m ‖y − c_m‖² = argmin_m (‖c_m‖² − 2·y·c_m). */
    @Override
    public int[] decode(NDArray y) {
        NDArray c = toNDArray(y.getManager());
        NDArray score = y.matMul(c.transpose()).mul(-2).add(c.square().sum(new int[] {1}).reshape(1, -1));
        return Transceiver.decisions(score.argMin(1));
    }

    @Override
    public String name() {
        return name;
    }
}
