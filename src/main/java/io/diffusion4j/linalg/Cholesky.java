package io.diffusion4j.linalg;

/**
 * The Cholesky factor L of a symmetric positive-definite matrix, A = L·Lᵀ (Golub &amp; Van Loan, Algorithm 4.2.1),
 * with an optional diagonal jitter for covariances that are only semi-definite (constant pixels, say). O(n³/3):
 * fast enough for 784×784 image covariances, where a Jacobi eigen-decomposition is not.
 */
public final class Cholesky {
    private final double[][] l;

    /** Factors A + jitter·I; throws when that is not positive definite. */
    public Cholesky(double[][] a, double jitter) {
        int n = a.length;
        l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double s = a[j][j] + jitter;
            for (int k = 0; k < j; k++) {
                s -= l[j][k] * l[j][k];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite at row " + j + " (pivot " + s + ")");
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < n; i++) {
                double t = a[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / l[j][j];
            }
        }
    }

    /** L·z for a vector z (a draw from N(0, A) when z ~ N(0, I)). */
    public double[] multiply(double[] z) {
        int n = l.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += l[i][k] * z[k];
            }
            out[i] = s;
        }
        return out;
    }

    /** x with A·x = b, by forward then back substitution with L and Lᵀ. */
    public double[] solve(double[] b) {
        int n = l.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    /** A⁻¹, column by column. */
    public double[][] inverse() {
        int n = l.length;
        double[][] inv = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] c = solve(e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = c[i];
            }
        }
        return inv;
    }

    public double[][] factor() {
        double[][] c = new double[l.length][];
        for (int i = 0; i < l.length; i++) {
            c[i] = l[i].clone();
        }
        return c;
    }
}
