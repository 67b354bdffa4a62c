package io.diffusion4j.inverse;

/** Small dense matrix arithmetic for test oracles (Gauss–Jordan with partial pivoting). */
final class Linear {
    private Linear() {
    }

    static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], 0, a[i], 0, n);
            a[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double d = a[c][c];
            for (int j = 0; j < 2 * n; j++) {
                a[c][j] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], n, inv[i], 0, n);
        }
        return inv;
    }

    static double[][] mul(double[][] x, double[][] y) {
        double[][] r = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int l = 0; l < y.length; l++) {
                for (int j = 0; j < y[0].length; j++) {
                    r[i][j] += x[i][l] * y[l][j];
                }
            }
        }
        return r;
    }

    static double[] mulVec(double[][] x, double[] v) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < v.length; j++) {
                r[i] += x[i][j] * v[j];
            }
        }
        return r;
    }

    static double[][] transpose(double[][] x) {
        double[][] t = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }
}
