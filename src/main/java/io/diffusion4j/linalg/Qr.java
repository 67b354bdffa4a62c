package io.diffusion4j.linalg;

/**
 * The thin QR factorisation A = Q·R of a tall n×m matrix (n ≥ m) by Householder reflections (Golub &amp; Van Loan,
 * Algorithm 5.2.1): Q is n×m with orthonormal columns, R is m×m upper triangular with a non-negative diagonal.
 */
public final class Qr {
    private final double[][] q;
    private final double[][] r;

    public Qr(double[][] a) {
        int n = a.length;
        int m = a[0].length;
        if (n < m) {
            throw new IllegalArgumentException("QR needs at least as many rows as columns, got " + n + "x" + m);
        }
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            w[i] = a[i].clone();
        }
        double[][] vs = new double[m][];
        for (int k = 0; k < m; k++) {
            double norm = 0;
            for (int i = k; i < n; i++) {
                norm += w[i][k] * w[i][k];
            }
            norm = Math.sqrt(norm);
            double[] v = new double[n];
            double alpha = w[k][k] > 0 ? -norm : norm;
            for (int i = k; i < n; i++) {
                v[i] = w[i][k];
            }
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < n; i++) {
                vv += v[i] * v[i];
            }
            if (vv > 0) {
                reflect(w, v, vv, k);
            }
            vs[k] = vv > 0 ? v : null;
        }
        r = new double[m][m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(w[i], i, r[i], i, m - i);
        }
        // Q = H_0·H_1⋯H_{m−1} applied to the first m columns of the identity
        double[][] qq = new double[n][m];
        for (int j = 0; j < m; j++) {
            qq[j][j] = 1;
        }
        for (int k = m - 1; k >= 0; k--) {
            if (vs[k] != null) {
                double vv = 0;
                for (int i = k; i < n; i++) {
                    vv += vs[k][i] * vs[k][i];
                }
                reflect(qq, vs[k], vv, k);
            }
        }
        // make diag(R) ≥ 0 by flipping the signs of rows of R and columns of Q
        for (int i = 0; i < m; i++) {
            if (r[i][i] < 0) {
                for (int j = i; j < m; j++) {
                    r[i][j] = -r[i][j];
                }
                for (int t = 0; t < n; t++) {
                    qq[t][i] = -qq[t][i];
                }
            }
        }
        q = qq;
    }

    /** W ← (I − 2vvᵀ/vᵀv)·W on rows k… (columns from k on for A; all columns for Q). */
    private static void reflect(double[][] w, double[] v, double vv, int k) {
        int cols = w[0].length;
        for (int j = 0; j < cols; j++) {
            double s = 0;
            for (int i = k; i < w.length; i++) {
                s += v[i] * w[i][j];
            }
            double f = 2 * s / vv;
            if (f != 0) {
                for (int i = k; i < w.length; i++) {
                    w[i][j] -= f * v[i];
                }
            }
        }
    }

    /** Q (n×m, orthonormal columns). */
    public double[][] q() {
        return copy(q);
    }

    /** R (m×m, upper triangular). */
    public double[][] r() {
        return copy(r);
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
