package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The Hamming(7,4) code (Hamming 1950) in systematic form c = (d₁, d₂, d₃, d₄, p₁, p₂, p₃) with p₁ = d₁⊕d₂⊕d₄,
 * p₂ = d₁⊕d₃⊕d₄, p₃ = d₂⊕d₃⊕d₄, sent with BPSK (bit b ↦ 1 − 2b). As a {@link Transceiver} it decodes with hard
 * decisions: sign slicing, then the syndrome names the single flipped bit, which is corrected. The exhaustive
 * soft-decision ML decoder is {@link Constellation#hamming74()}.
 */
public final class Hamming74 implements Transceiver {
    /** Parity-check matrix H (3×7) = [Pᵀ | I₃]; column j is the syndrome of an error in bit j. */
    private static final int[][] H = {
        {1, 1, 0, 1, 1, 0, 0},
        {1, 0, 1, 1, 0, 1, 0},
        {0, 1, 1, 1, 0, 0, 1},
    };
    private static final int[] ERROR_AT_SYNDROME = new int[8];

    static {
        ERROR_AT_SYNDROME[0] = -1;
        for (int j = 0; j < 7; j++) {
            ERROR_AT_SYNDROME[H[0][j] | H[1][j] << 1 | H[2][j] << 2] = j;
        }
    }

    /** The codeword bits of message m (bit i of m is data bit d_{i+1}). */
    public static int[] codeword(int m) {
        if (m < 0 || m > 15) {
            throw new IllegalArgumentException("Hamming(7,4) messages are 0..15, got " + m);
        }
        int d1 = m & 1;
        int d2 = m >> 1 & 1;
        int d3 = m >> 2 & 1;
        int d4 = m >> 3 & 1;
        return new int[] {d1, d2, d3, d4, d1 ^ d2 ^ d4, d1 ^ d3 ^ d4, d2 ^ d3 ^ d4};
    }

    /** Syndrome decoding of seven hard bits to a message: corrects any single bit error. */
    public static int decodeBits(int[] bits) {
        int s = 0;
        for (int r = 0; r < 3; r++) {
            int v = 0;
            for (int j = 0; j < 7; j++) {
                v ^= H[r][j] & bits[j];
            }
            s |= v << r;
        }
        int flip = ERROR_AT_SYNDROME[s];
        int m = 0;
        for (int i = 0; i < 4; i++) {
            m |= (bits[i] ^ (i == flip ? 1 : 0)) << i;
        }
        return m;
    }

    @Override
    public int messages() {
        return 16;
    }

    @Override
    public int n() {
        return 7;
    }

    @Override
    public NDArray encode(int[] messages, NDManager manager) {
        return Constellation.hamming74().encode(messages, manager);
    }

    @Override
    public int[] decode(NDArray y) {
        float[] v = y.toFloatArray();
        int[] out = new int[v.length / 7];
        int[] bits = new int[7];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < 7; j++) {
                bits[j] = v[7 * i + j] < 0 ? 1 : 0;
            }
            out[i] = decodeBits(bits);
        }
        return out;
    }

    @Override
    public String name() {
        return "hamming74-hard";
    }
}
