package io.diffusion4j.inverse;

/** Small dense matrix products for the closed-form posterior (and its tests). */
final class Matrices {
    private Matrices() {
    }

    static double[][] mul(double[][] x, double[][] y) {
        double[][] r = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int l = 0; l < y.length; l++) {
                double v = x[i][l];
                for (int j = 0; j < y[0].length; j++) {
                    r[i][j] += v * y[l][j];
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
