package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The paired (non-parametric) bootstrap of a statistic over several point sets whose rows correspond (Efron &amp;
 * Tibshirani 1993, §6 for the standard error; the paired resampling of §14.2): each replicate draws n row indices
 * with replacement, the same indices for every set, and evaluates the statistic on each set's resampled rows. The
 * standard deviation of a set's replicates estimates its statistic's standard error; that of the difference of two
 * sets' replicates estimates the standard error of their difference, which is much smaller than either when the
 * rows share their randomness (the DDIM table's cells start from the same x_T). It measures the spread due to the
 * finite sample only, given everything held fixed (for FID: the reference statistics).
 *
 * @param replicates B × k: the statistic on set k in replicate b
 */
public record PairedBootstrap(double[][] replicates) {

    public PairedBootstrap {
        if (replicates.length < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 replicates, got " + replicates.length);
        }
    }

    /** B replicates of {@code statistic} on every set (all with the same n rows), row indices from {@code noise}. */
    public static PairedBootstrap of(List<Points> sets, ToDoubleFunction<Points> statistic, int resamples, NoiseSource noise) {
        int n = sets.get(0).n();
        for (Points p : sets) {
            if (p.n() != n) {
                throw new IllegalArgumentException("paired sets need the same n: " + p.n() + " vs " + n);
            }
        }
        double[][] r = new double[resamples][sets.size()];
        for (int b = 0; b < resamples; b++) {
            int[] rows = noise.ints(n, 0, n - 1);
            for (int k = 0; k < sets.size(); k++) {
                r[b][k] = statistic.applyAsDouble(rows(sets.get(k), rows));
            }
        }
        return new PairedBootstrap(r);
    }

    /** The bootstrap standard error of set k's statistic. */
    public double standardError(int k) {
        return sd(k, -1);
    }

    /** The bootstrap standard error of (set k's statistic − set base's), from the paired replicates. */
    public double differenceStandardError(int k, int base) {
        return sd(k, base);
    }

    private double sd(int k, int base) {
        int b = replicates.length;
        double mean = 0;
        for (double[] r : replicates) {
            mean += (r[k] - (base < 0 ? 0 : r[base])) / b;
        }
        double ss = 0;
        for (double[] r : replicates) {
            double d = r[k] - (base < 0 ? 0 : r[base]) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (b - 1));
    }

    /** The given rows of p, in order (repeats allowed). */
    static Points rows(Points p, int[] rows) {
        int d = p.d();
        float[] v = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(p.values(), rows[i] * d, v, i * d, d);
        }
        return new Points(rows.length, d, v);
    }
}
