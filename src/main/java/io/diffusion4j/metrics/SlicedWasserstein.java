package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;

import java.util.Arrays;

/**
 * Sliced Wasserstein-2 distance (Bonneel et al. 2015): SW₂(P, Q) = (E_θ W₂²(θᵀP, θᵀQ))^{1/2} over uniformly random
 * unit directions θ, each one-dimensional W₂ computed from sorted projections (quantile functions on a common grid
 * when the sizes differ). The directions come from a fixed seed, so the number is reproducible.
 */
public final class SlicedWasserstein {
    private final int projections;
    private final long seed;

    public SlicedWasserstein(int projections, long seed) {
        if (projections < 1) {
            throw new IllegalArgumentException("projections must be >= 1");
        }
        this.projections = projections;
        this.seed = seed;
    }

    public double distance(Points p, Points q) {
        if (p.d() != q.d()) {
            throw new IllegalArgumentException("dimensions differ: " + p.d() + " vs " + q.d());
        }
        NoiseSource noise = new NoiseSource(seed);
        int d = p.d();
        double total = 0;
        double[] theta = new double[d];
        for (int k = 0; k < projections; k++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                theta[j] = noise.nextGaussian();
                norm += theta[j] * theta[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                theta[j] /= norm;
            }
            total += w2Squared(project(p, theta), project(q, theta));
        }
        return Math.sqrt(total / projections);
    }

    private static double[] project(Points p, double[] theta) {
        double[] out = new double[p.n()];
        float[] v = p.values();
        for (int i = 0; i < p.n(); i++) {
            double s = 0;
            for (int j = 0; j < p.d(); j++) {
                s += v[i * p.d() + j] * theta[j];
            }
            out[i] = s;
        }
        Arrays.sort(out);
        return out;
    }

    /** W₂² between two sorted samples: ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du on the merged quantile grid. */
    static double w2Squared(double[] a, double[] b) {
        if (a.length == b.length) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                double diff = a[i] - b[i];
                s += diff * diff;
            }
            return s / a.length;
        }
        int i = 0;
        int j = 0;
        double u = 0;
        double s = 0;
        while (i < a.length && j < b.length) {
            double ua = (double) (i + 1) / a.length;
            double ub = (double) (j + 1) / b.length;
            double next = Math.min(ua, ub);
            double diff = a[i] - b[j];
            s += (next - u) * diff * diff;
            u = next;
            if (ua <= next) {
                i++;
            }
            if (ub <= next) {
                j++;
            }
        }
        return s;
    }
}
