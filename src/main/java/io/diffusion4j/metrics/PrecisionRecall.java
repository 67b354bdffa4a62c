package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;

import java.util.Arrays;

/**
 * Improved precision and recall of a generative model (Kynkäänniemi et al. 2019, §2, eqs. 1–2). Each sample set
 * stands for a manifold: the union of balls around its points, each ball's radius the Euclidean distance to that
 * point's k-th nearest neighbour within the same set (itself excluded). Precision = the fraction of generated
 * points inside the true manifold (how many samples are realistic); recall = the fraction of true points inside the
 * generated manifold (how much of the true distribution is covered — a sampler collapsed onto one of two equal modes
 * has recall ≈ 0.5). The paper uses k = 3 ({@link #K}). Exact brute-force neighbours, O(N²·d).
 *
 * @param precision fraction of generated samples within some true sample's k-NN ball
 * @param recall    fraction of true samples within some generated sample's k-NN ball
 */
public record PrecisionRecall(double precision, double recall) {
    /** The neighbourhood size of the paper. */
    public static final int K = 3;

    /** Precision and recall of {@code generated} against {@code truth} with k = {@link #K}. */
    public static PrecisionRecall of(Points generated, Points truth) {
        return of(generated, truth, K);
    }

    /** Precision and recall with k-th-nearest-neighbour radii; both sets need more than k points. */
    public static PrecisionRecall of(Points generated, Points truth, int k) {
        if (generated.d() != truth.d()) {
            throw new IllegalArgumentException("dimensions differ: " + generated.d() + " vs " + truth.d());
        }
        if (k < 1 || generated.n() <= k || truth.n() <= k) {
            throw new IllegalArgumentException("precision/recall needs more than k = " + k + " points per set");
        }
        return new PrecisionRecall(coverage(generated, truth, radii(truth, k)), coverage(truth, generated, radii(generated, k)));
    }

    /** Squared distance of each point to its k-th nearest neighbour in the same set. */
    static double[] radii(Points p, int k) {
        double[] r = new double[p.n()];
        double[] best = new double[k];
        for (int i = 0; i < p.n(); i++) {
            Arrays.fill(best, Double.POSITIVE_INFINITY); // the k smallest distances so far, ascending
            for (int j = 0; j < p.n(); j++) {
                if (j == i) {
                    continue;
                }
                double d = squared(p, i, p, j);
                if (d < best[k - 1]) {
                    int at = k - 1;
                    while (at > 0 && best[at - 1] > d) {
                        best[at] = best[at - 1];
                        at--;
                    }
                    best[at] = d;
                }
            }
            r[i] = best[k - 1];
        }
        return r;
    }

    /** Fraction of {@code query} points inside the union of balls around {@code ref} points with squared radii r. */
    private static double coverage(Points query, Points ref, double[] r) {
        long inside = 0;
        for (int i = 0; i < query.n(); i++) {
            for (int j = 0; j < ref.n(); j++) {
                if (squared(query, i, ref, j) <= r[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / query.n();
    }

    private static double squared(Points a, int i, Points b, int j) {
        float[] u = a.values();
        float[] v = b.values();
        int d = a.d();
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = u[i * d + c] - v[j * d + c];
            s += t * t;
        }
        return s;
    }
}
