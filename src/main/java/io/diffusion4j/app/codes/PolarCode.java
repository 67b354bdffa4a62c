package io.diffusion4j.app.codes;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Polar codes (Arıkan 2009, "Channel polarization", IEEE Trans. IT 55(7)): G_N = F^{⊗m} with F = [[1,0],[1,1]],
 * N = 2^m. The K information rows are the synthetic channels of smallest Bhattacharyya bound, computed by the
 * recursion Z(W_{2N}^{(2i)}) = 2Z − Z², Z(W_{2N}^{(2i+1)}) = Z² (Arıkan eq. 38, exact for the erasure channel and used
 * as a design rule for AWGN, Tal &amp; Vardy 2013 §I) from Z₀ = exp(−R·Eb/N0) of BPSK at the design Eb/N0. Since
 * G_N·G_N = I over GF(2), u = c·G_N and the frozen coordinates give H = (G_N restricted to the frozen columns)ᵀ.
 * The minimum distance is the smallest weight of an information row, 2^{popcount(i)} (the code is a subcode of a
 * Reed–Muller code closed under the row-weight order; Hussami, Korada &amp; Urbanke 2009, Lemma 3).
 */
public final class PolarCode {
    /** The design Eb/N0 (dB) of the frozen set. */
    public static final double DESIGN_EBN0_DB = 4.0;

    private PolarCode() {
    }

    /** The Kronecker power F^{⊗m}: entry (i, j) is 1 exactly when the bits of j are a subset of the bits of i. */
    public static int[][] kronecker(int m) {
        int n = 1 << m;
        int[][] f = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                f[i][j] = (i & j) == j ? 1 : 0;
            }
        }
        return f;
    }

    /** Bhattacharyya bounds of the N synthetic channels at the design Eb/N0 and rate K/N. */
    public static double[] bhattacharyya(int m, double rate, double designEbN0Db) {
        double[] z = {Math.exp(-rate * Math.pow(10, designEbN0Db / 10))};
        for (int level = 0; level < m; level++) {
            double[] next = new double[2 * z.length];
            for (int i = 0; i < z.length; i++) {
                next[2 * i] = 2 * z[i] - z[i] * z[i];
                next[2 * i + 1] = z[i] * z[i];
            }
            z = next;
        }
        return z;
    }

    /** The information set: the K indices of smallest Bhattacharyya bound (ties to the higher index), ascending. */
    public static int[] informationSet(int m, int k, double designEbN0Db) {
        double[] z = bhattacharyya(m, (double) k / (1 << m), designEbN0Db);
        int[] order = IntStream.range(0, z.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> z[i]).thenComparing(i -> -i))
                .mapToInt(Integer::intValue).toArray();
        int[] info = Arrays.copyOf(order, k);
        Arrays.sort(info);
        return info;
    }

    /** Polar(2^m, k) designed at {@code designEbN0Db}. */
    public static LinearCode of(int m, int k, double designEbN0Db) {
        int n = 1 << m;
        int[][] f = kronecker(m);
        int[] info = informationSet(m, k, designEbN0Db);
        boolean[] isInfo = new boolean[n];
        int[][] g = new int[k][];
        int minWeight = n;
        for (int r = 0; r < k; r++) {
            g[r] = f[info[r]].clone();
            isInfo[info[r]] = true;
            minWeight = Math.min(minWeight, 1 << Integer.bitCount(info[r]));
        }
        int[][] h = new int[n - k][n];
        int r = 0;
        for (int c = 0; c < n; c++) {
            if (!isInfo[c]) {
                for (int j = 0; j < n; j++) {
                    h[r][j] = f[j][c];
                }
                r++;
            }
        }
        return new LinearCode("polar-" + n + "-" + k, g, h, (minWeight - 1) / 2);
    }
}
