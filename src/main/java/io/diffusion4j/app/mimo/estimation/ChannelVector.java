package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.app.mimo.ComplexMatrix;

/**
 * The one real layout of an N_R × N_T channel as a vector of 2·N_R·N_T numbers: the real parts row by row, then the
 * imaginary parts row by row. Training files of channels, the learned prior and every estimator use it.
 */
public final class ChannelVector {
    private ChannelVector() {
    }

    /** [Re H (row-major); Im H (row-major)]. */
    public static double[] of(ComplexMatrix h) {
        int nr = h.rows();
        int nt = h.columns();
        double[] v = new double[2 * nr * nt];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nt; j++) {
                v[i * nt + j] = h.re()[i][j];
                v[nr * nt + i * nt + j] = h.im()[i][j];
            }
        }
        return v;
    }

    /** The inverse of {@link #of}. */
    public static ComplexMatrix matrix(double[] v, int nr, int nt) {
        if (v.length != 2 * nr * nt) {
            throw new IllegalArgumentException("a " + nr + "×" + nt + " channel has " + 2 * nr * nt + " real numbers, got " + v.length);
        }
        double[][] re = new double[nr][nt];
        double[][] im = new double[nr][nt];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nt; j++) {
                re[i][j] = v[i * nt + j];
                im[i][j] = v[nr * nt + i * nt + j];
            }
        }
        return new ComplexMatrix(re, im);
    }

    /** ‖a − b‖² / ‖b‖², the normalised squared error of one estimate a of b. */
    public static double normalisedError(double[] estimate, double[] truth) {
        double e = 0;
        double p = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = estimate[i] - truth[i];
            e += d * d;
            p += truth[i] * truth[i];
        }
        return e / p;
    }
}
