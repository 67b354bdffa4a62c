package io.diffusion4j.app.codes;

/**
 * A binary linear (n, k) code: generator G (k×n), parity-check H ((n−k)×n) with G·Hᵀ = 0, and the number t of
 * errors its hard-decision decoder corrects (⌊(d−1)/2⌋ for minimum distance d). Codeword c = m·G over GF(2); BPSK
 * sends bit b as 1 − 2b.
 */
public record LinearCode(String name, int[][] g, int[][] h, int t) {

    public LinearCode {
        if (g.length == 0 || h.length == 0 || g[0].length != h[0].length || g.length + h.length != g[0].length) {
            throw new IllegalArgumentException("need G k×n and H (n−k)×n");
        }
    }

    public int n() {
        return g[0].length;
    }

    public int k() {
        return g.length;
    }

    public double rate() {
        return (double) k() / n();
    }

    /** The codeword of k message bits. */
    public int[] encode(int[] message) {
        int[] c = new int[n()];
        for (int i = 0; i < k(); i++) {
            if (message[i] == 1) {
                for (int j = 0; j < c.length; j++) {
                    c[j] ^= g[i][j];
                }
            }
        }
        return c;
    }

    /** The codeword of the message whose bit i is bit i of {@code index}. */
    public int[] encodeIndex(long index) {
        int[] m = new int[k()];
        for (int i = 0; i < m.length; i++) {
            m[i] = (int) (index >>> i & 1);
        }
        return encode(m);
    }

    /** The syndrome s = H·cᵀ as a bit mask (bit r is check r); n − k <= 63. */
    public long syndrome(int[] bits) {
        long s = 0;
        for (int r = 0; r < h.length; r++) {
            int v = 0;
            for (int j = 0; j < bits.length; j++) {
                v ^= h[r][j] & bits[j];
            }
            s |= (long) v << r;
        }
        return s;
    }
}
