package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;

/** Sample mean and covariance (unbiased, n − 1) of a point set, and the distances between two sets' moments. */
public final class Moments {
    private Moments() {
    }

    public static double[] mean(Points p) {
        double[] m = new double[p.d()];
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.d(); j++) {
                m[j] += p.get(i, j);
            }
        }
        for (int j = 0; j < p.d(); j++) {
            m[j] /= p.n();
        }
        return m;
    }

    public static double[][] covariance(Points p) {
        double[] m = mean(p);
        int d = p.d();
        double[][] c = new double[d][d];
        for (int i = 0; i < p.n(); i++) {
            for (int a = 0; a < d; a++) {
                double da = p.get(i, a) - m[a];
                for (int b = 0; b <= a; b++) {
                    c[a][b] += da * (p.get(i, b) - m[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                c[a][b] /= Math.max(1, p.n() - 1);
                c[b][a] = c[a][b];
            }
        }
        return c;
    }

    /** Euclidean distance between the means. */
    public static double meanError(Points p, Points q) {
        double[] a = mean(p);
        double[] b = mean(q);
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    /** Frobenius norm of the difference of the covariances. */
    public static double covarianceError(Points p, Points q) {
        double[][] a = covariance(p);
        double[][] b = covariance(q);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }
}
