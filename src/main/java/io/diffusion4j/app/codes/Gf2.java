package io.diffusion4j.app.codes;

/** Matrices over GF(2) as {@code int[][]} of 0/1: product, rank by Gaussian elimination, systematic forms. */
public final class Gf2 {
    private Gf2() {
    }

    /** A·Bᵀ over GF(2) (A is r×n, B is s×n). */
    public static int[][] timesTransposed(int[][] a, int[][] b) {
        int[][] out = new int[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                int v = 0;
                for (int c = 0; c < a[i].length; c++) {
                    v ^= a[i][c] & b[j][c];
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    /** The rank over GF(2). */
    public static int rank(int[][] m) {
        int[][] a = copy(m);
        int rank = 0;
        int cols = a.length == 0 ? 0 : a[0].length;
        for (int c = 0; c < cols && rank < a.length; c++) {
            int pivot = -1;
            for (int r = rank; r < a.length; r++) {
                if (a[r][c] == 1) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            int[] t = a[pivot];
            a[pivot] = a[rank];
            a[rank] = t;
            for (int r = 0; r < a.length; r++) {
                if (r != rank && a[r][c] == 1) {
                    for (int j = c; j < cols; j++) {
                        a[r][j] ^= a[rank][j];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    /** The parity-check matrix [Pᵀ | I] (n−k)×n of the systematic generator [I | P] (k×n). */
    public static int[][] parityCheckOfSystematic(int[][] g) {
        int k = g.length;
        int n = g[0].length;
        int[][] h = new int[n - k][n];
        for (int r = 0; r < n - k; r++) {
            for (int i = 0; i < k; i++) {
                h[r][i] = g[i][k + r];
            }
            h[r][k + r] = 1;
        }
        return h;
    }

    static int[][] copy(int[][] m) {
        int[][] a = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            a[i] = m[i].clone();
        }
        return a;
    }
}
