package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.metrics.PrecisionRecall;
import io.diffusion4j.noise.NoiseSource;

/**
 * Whether a learned channel covers the modes of p(y | x) or collapses onto some: on C conditions x_c with K draws
 * each, the improved precision and recall ({@link PrecisionRecall}, k = 3) of the joint samples (x_c, y_model)
 * against (x_c, y_true), beside the recall floor of two independent true draws (a perfect model's recall at this
 * sample size and dimension), and the per-condition output variance ratio tr Cov_model(y | x_c) / tr Cov_true(y | x_c)
 * (sample covariances over the K draws): its mean over the conditions and its extremes. A model that ignores the
 * channel's randomness has ratios near 0; one that matches it, near 1. In the JSON: precision, recall, recall_floor,
 * variance_ratio, variance_ratio_min, variance_ratio_max.
 */
public record ModeCoverage(double precision, double recall, double recallFloor, double varianceRatio,
                           double varianceRatioMin, double varianceRatioMax) {

    /** Coverage of {@code model} against {@code truth} on {@code conditions} (one per row), {@code draws} outputs each. */
    public static ModeCoverage measure(Channel model, Channel truth, Points conditions, int draws, NDManager manager, NoiseSource noise) {
        if (draws < 2) {
            throw new IllegalArgumentException("a per-condition variance needs >= 2 draws, got " + draws);
        }
        Points x = repeat(conditions, draws);
        try (NDManager sm = manager.newSubManager()) {
            NDArray xa = x.toNDArray(sm);
            Points gen = Points.of(model.transmit(xa, noise.fork(1)).stopGradient());
            Points tru = Points.of(truth.transmit(xa, noise.fork(2)));
            Points ref = Points.of(truth.transmit(xa, noise.fork(3)));
            PrecisionRecall pr = PrecisionRecall.of(joint(x, gen), joint(x, tru));
            double floor = PrecisionRecall.of(joint(x, ref), joint(x, tru)).recall();
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < conditions.n(); c++) {
                double r = totalVariance(gen, c * draws, draws) / totalVariance(tru, c * draws, draws);
                sum += r;
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
            return new ModeCoverage(pr.precision(), pr.recall(), floor, sum / conditions.n(), min, max);
        }
    }

    /** One console line: precision, recall (floor), variance ratio [min, max]. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "precision %.3f, recall %.3f (floor %.3f), variance ratio %.3f [%.3f, %.3f]", precision,
                recall, recallFloor, varianceRatio, varianceRatioMin, varianceRatioMax);
    }

    /** Each row of {@code p} repeated {@code times} times, consecutively. */
    public static Points repeat(Points p, int times) {
        float[] v = new float[p.values().length * times];
        for (int i = 0; i < p.n(); i++) {
            for (int t = 0; t < times; t++) {
                System.arraycopy(p.values(), i * p.d(), v, (i * times + t) * p.d(), p.d());
            }
        }
        return new Points(p.n() * times, p.d(), v);
    }

    /** tr of the sample covariance (divisor count − 1) of rows from … from + count − 1. */
    static double totalVariance(Points y, int from, int count) {
        double total = 0;
        for (int j = 0; j < y.d(); j++) {
            double mean = 0;
            for (int i = from; i < from + count; i++) {
                mean += y.get(i, j);
            }
            mean /= count;
            for (int i = from; i < from + count; i++) {
                double t = y.get(i, j) - mean;
                total += t * t;
            }
        }
        return total / (count - 1);
    }

    /** Rows (x_i, y_i) side by side. */
    static Points joint(Points x, Points y) {
        int a = x.d();
        int b = y.d();
        float[] v = new float[x.n() * (a + b)];
        for (int i = 0; i < x.n(); i++) {
            System.arraycopy(x.values(), i * a, v, i * (a + b), a);
            System.arraycopy(y.values(), i * b, v, i * (a + b) + a, b);
        }
        return new Points(x.n(), a + b, v);
    }
}
