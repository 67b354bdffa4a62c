package io.diffusion4j.linalg;

/** Dense products of small row-major double matrices: A·B, Aᵀ·B, A·x, Aᵀ·x, AᵀA. */
public final class Matrices {
    private Matrices() {
    }

    /** A·B. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double v = a[i][p];
                if (v != 0) {
                    for (int j = 0; j < m; j++) {
                        c[i][j] += v * b[p][j];
                    }
                }
            }
        }
        return c;
    }

    /** Aᵀ. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** A·x. */
    public static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            double[] row = a[i];
            for (int j = 0; j < x.length; j++) {
                s += row[j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** Aᵀ·x. */
    public static double[] multiplyTransposed(double[][] a, double[] x) {
        double[] y = new double[a[0].length];
        for (int i = 0; i < a.length; i++) {
            double v = x[i];
            double[] row = a[i];
            for (int j = 0; j < y.length; j++) {
                y[j] += row[j] * v;
            }
        }
        return y;
    }

    /** The Gram matrix AᵀA. */
    public static double[][] gram(double[][] a) {
        int m = a[0].length;
        double[][] g = new double[m][m];
        for (double[] row : a) {
            for (int i = 0; i < m; i++) {
                double v = row[i];
                for (int j = i; j < m; j++) {
                    g[i][j] += v * row[j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                g[i][j] = g[j][i];
            }
        }
        return g;
    }

    /** ‖a − b‖². */
    public static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
