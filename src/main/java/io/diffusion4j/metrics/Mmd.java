package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;

import java.util.Arrays;

/**
 * Squared maximum mean discrepancy with a Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2h²)) (Gretton et al. 2012,
 * eq. 5, the biased V-statistic, which is ≥ 0). The bandwidth h is the median pairwise distance of the pooled
 * sample (the median heuristic), computed on at most 1,000 points taken at a fixed stride.
 */
public final class Mmd {
    private Mmd() {
    }

    public static double squared(Points p, Points q) {
        double h = medianDistance(p, q);
        double gamma = 1 / (2 * h * h);
        return mean(p, p, gamma) + mean(q, q, gamma) - 2 * mean(p, q, gamma);
    }

    private static double mean(Points a, Points b, double gamma) {
        int d = a.d();
        float[] va = a.values();
        float[] vb = b.values();
        double s = 0;
        for (int i = 0; i < a.n(); i++) {
            for (int j = 0; j < b.n(); j++) {
                double r = 0;
                for (int k = 0; k < d; k++) {
                    double diff = va[i * d + k] - vb[j * d + k];
                    r += diff * diff;
                }
                s += Math.exp(-gamma * r);
            }
        }
        return s / ((double) a.n() * b.n());
    }

    static double medianDistance(Points p, Points q) {
        int m = 500;
        double[][] pool = concat(pick(p, m), pick(q, m));
        double[] dist = new double[pool.length * (pool.length - 1) / 2];
        int c = 0;
        for (int i = 0; i < pool.length; i++) {
            for (int j = i + 1; j < pool.length; j++) {
                double r = 0;
                for (int k = 0; k < pool[i].length; k++) {
                    double diff = pool[i][k] - pool[j][k];
                    r += diff * diff;
                }
                dist[c++] = Math.sqrt(r);
            }
        }
        Arrays.sort(dist);
        double med = dist[dist.length / 2];
        return med > 0 ? med : 1;
    }

    private static double[][] pick(Points p, int m) {
        int k = Math.min(m, p.n());
        double[][] out = new double[k][];
        for (int i = 0; i < k; i++) {
            out[i] = p.row((int) ((long) i * p.n() / k));
        }
        return out;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
