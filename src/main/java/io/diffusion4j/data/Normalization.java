package io.diffusion4j.data;

import ai.djl.ndarray.NDArray;

/**
 * Per-dimension standardisation z = (x − mean)/std, fitted on the training data, stored with the model and undone at
 * sampling, so networks and schedules always see data of unit scale.
 */
public record Normalization(double[] mean, double[] std) {

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalisation std must be > 0");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The identity map for d dimensions. */
    public static Normalization identity(int d) {
        double[] s = new double[d];
        java.util.Arrays.fill(s, 1);
        return new Normalization(new double[d], s);
    }

    /** Mean and std of each dimension of the points (a constant dimension gets std 1). */
    public static Normalization fit(Points p) {
        double[] m = new double[p.d()];
        double[] s = new double[p.d()];
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.d(); j++) {
                m[j] += p.get(i, j);
            }
        }
        for (int j = 0; j < p.d(); j++) {
            m[j] /= p.n();
        }
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.d(); j++) {
                double d = p.get(i, j) - m[j];
                s[j] += d * d;
            }
        }
        for (int j = 0; j < p.d(); j++) {
            s[j] = Math.sqrt(s[j] / Math.max(1, p.n() - 1));
            if (!(s[j] > 1e-12)) {
                s[j] = 1;
            }
        }
        return new Normalization(m, s);
    }

    public Points apply(Points p) {
        float[] v = new float[p.values().length];
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.d(); j++) {
                v[i * p.d() + j] = (float) ((p.get(i, j) - mean[j]) / std[j]);
            }
        }
        return new Points(p.n(), p.d(), v);
    }

    public Points invert(Points p) {
        float[] v = new float[p.values().length];
        for (int i = 0; i < p.n(); i++) {
            for (int j = 0; j < p.d(); j++) {
                v[i * p.d() + j] = (float) (p.get(i, j) * std[j] + mean[j]);
            }
        }
        return new Points(p.n(), p.d(), v);
    }

    /** The mixture seen in normalised coordinates (exact, for oracles of normalised data). */
    public GaussianMixture apply(GaussianMixture g) {
        double[] scale = new double[std.length];
        double[] shift = new double[std.length];
        for (int j = 0; j < std.length; j++) {
            scale[j] = 1 / std[j];
            shift[j] = -mean[j] / std[j];
        }
        return g.affine(scale, shift);
    }

    /** x·std + mean on an NDArray of rows. */
    public NDArray invert(NDArray x) {
        return x.mul(x.getManager().create(toFloats(std))).add(x.getManager().create(toFloats(mean)));
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
