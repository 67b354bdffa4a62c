package io.diffusion4j.distill;

import io.diffusion4j.noise.NoiseSource;

/**
 * The guidance weights a guided-distillation student is trained for, w ~ U[min, max] per sample (Meng et al. 2023
 * §4.1 draw w from [w_min, w_max]); the student then samples at any w in the range with one evaluation per step.
 */
public record GuidanceRange(double min, double max) {

    public GuidanceRange {
        if (!(min >= 0) || !(max >= min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("--w-range must be two finite numbers 0 <= min <= max, e.g. 0,4, got " + min + "," + max);
        }
    }

    /** Parses "MIN,MAX". */
    public static GuidanceRange parse(String s) {
        String[] p = s.split(",", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException("--w-range takes MIN,MAX, e.g. 0,4, got '" + s + "'");
        }
        try {
            return new GuidanceRange(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--w-range takes two numbers MIN,MAX, e.g. 0,4, got '" + s + "'");
        }
    }

    /** One w per sample. */
    public double[] draw(NoiseSource noise, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = min + (max - min) * noise.nextDouble();
        }
        return w;
    }

    public boolean contains(double w) {
        return w >= min && w <= max;
    }

    @Override
    public String toString() {
        return min + "," + max;
    }
}
