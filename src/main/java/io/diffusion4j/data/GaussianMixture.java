package io.diffusion4j.data;

import io.diffusion4j.linalg.SymmetricEigen;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayList;
import java.util.List;

/**
 * A mixture of Gaussians Σ_k w_k·N(μ_k, Σ_k) in d dimensions, with each covariance kept as its eigen-decomposition.
 * A single Gaussian is a one-component mixture. Immutable; it samples, evaluates its log-density and feeds the
 * closed-form oracle denoiser.
 */
public final class GaussianMixture {

    /** One component: weight, mean, and covariance Q·diag(λ)·Qᵀ. */
    public record Component(double weight, double[] mean, double[] eigenvalues, double[][] eigenvectors) {
    }

    private final int dim;
    private final List<Component> components;

    private GaussianMixture(int dim, List<Component> components) {
        this.dim = dim;
        this.components = List.copyOf(components);
    }

    /** A mixture from weights (normalised here), means and full covariances. */
    public static GaussianMixture of(double[] weights, double[][] means, double[][][] covariances) {
        if (weights.length == 0 || weights.length != means.length || means.length != covariances.length) {
            throw new IllegalArgumentException("a mixture needs as many weights, means and covariances, at least one");
        }
        int d = means[0].length;
        double total = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("mixture weights must be > 0");
            }
            total += w;
        }
        List<Component> cs = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            if (means[k].length != d || covariances[k].length != d) {
                throw new IllegalArgumentException("component " + k + " has the wrong dimension");
            }
            SymmetricEigen e = new SymmetricEigen(covariances[k]);
            double[] lam = e.values();
            for (double l : lam) {
                if (l < -1e-9) {
                    throw new IllegalArgumentException("covariance " + k + " is not positive semi-definite");
                }
            }
            for (int i = 0; i < d; i++) {
                lam[i] = Math.max(lam[i], 0);
            }
            cs.add(new Component(weights[k] / total, means[k].clone(), lam, e.vectors()));
        }
        return new GaussianMixture(d, cs);
    }

    /** N(μ, Σ). */
    public static GaussianMixture gaussian(double[] mean, double[][] cov) {
        return of(new double[] {1}, new double[][] {mean}, new double[][][] {cov});
    }

    /** Equal-weight isotropic components of std {@code std} at the given centres. */
    public static GaussianMixture isotropic(double[][] centres, double std) {
        int k = centres.length;
        int d = centres[0].length;
        double[] w = new double[k];
        double[][][] cov = new double[k][d][d];
        for (int i = 0; i < k; i++) {
            w[i] = 1;
            for (int j = 0; j < d; j++) {
                cov[i][j][j] = std * std;
            }
        }
        return of(w, centres, cov);
    }

    /** The law of diag(scale)·x + shift for x from this mixture (exact: each component maps to a Gaussian). */
    public GaussianMixture affine(double[] scale, double[] shift) {
        int K = components.size();
        double[] w = new double[K];
        double[][] mu = new double[K][dim];
        double[][][] cov = new double[K][dim][dim];
        for (int k = 0; k < K; k++) {
            Component c = components.get(k);
            w[k] = c.weight();
            for (int r = 0; r < dim; r++) {
                mu[k][r] = scale[r] * c.mean()[r] + shift[r];
                for (int s = 0; s < dim; s++) {
                    double v = 0;
                    for (int j = 0; j < dim; j++) {
                        v += c.eigenvectors()[r][j] * c.eigenvalues()[j] * c.eigenvectors()[s][j];
                    }
                    cov[k][r][s] = scale[r] * v * scale[s];
                }
            }
        }
        return of(w, mu, cov);
    }

    public int dim() {
        return dim;
    }

    public List<Component> components() {
        return components;
    }

    /** n draws, row-major n×d. */
    public Points sample(int n, NoiseSource noise) {
        float[] out = new float[n * dim];
        double[] cum = new double[components.size()];
        double c = 0;
        for (int k = 0; k < cum.length; k++) {
            c += components.get(k).weight();
            cum[k] = c;
        }
        double[] z = new double[dim];
        for (int i = 0; i < n; i++) {
            double u = noise.nextDouble() * c;
            int k = 0;
            while (k < cum.length - 1 && u > cum[k]) {
                k++;
            }
            Component comp = components.get(k);
            for (int j = 0; j < dim; j++) {
                z[j] = noise.nextGaussian() * Math.sqrt(comp.eigenvalues()[j]);
            }
            for (int r = 0; r < dim; r++) {
                double v = comp.mean()[r];
                for (int j = 0; j < dim; j++) {
                    v += comp.eigenvectors()[r][j] * z[j];
                }
                out[i * dim + r] = (float) v;
            }
        }
        return new Points(n, dim, out);
    }

    /** The mixture's mean Σ w_k μ_k. */
    public double[] mean() {
        double[] m = new double[dim];
        for (Component c : components) {
            for (int j = 0; j < dim; j++) {
                m[j] += c.weight() * c.mean()[j];
            }
        }
        return m;
    }

    /** The mixture's covariance Σ w_k (Σ_k + μ_k μ_kᵀ) − μμᵀ. */
    public double[][] covariance() {
        double[] m = mean();
        double[][] cov = new double[dim][dim];
        for (Component c : components) {
            for (int r = 0; r < dim; r++) {
                for (int s = 0; s < dim; s++) {
                    double sig = 0;
                    for (int j = 0; j < dim; j++) {
                        sig += c.eigenvectors()[r][j] * c.eigenvalues()[j] * c.eigenvectors()[s][j];
                    }
                    cov[r][s] += c.weight() * (sig + c.mean()[r] * c.mean()[s]);
                }
            }
        }
        for (int r = 0; r < dim; r++) {
            for (int s = 0; s < dim; s++) {
                cov[r][s] -= m[r] * m[s];
            }
        }
        return cov;
    }

    /** log p(x) of one point. */
    public double logDensity(double[] x) {
        double[] logs = new double[components.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logs.length; k++) {
            Component c = components.get(k);
            double l = Math.log(c.weight()) - 0.5 * dim * Math.log(2 * Math.PI);
            for (int j = 0; j < dim; j++) {
                double z = 0;
                for (int r = 0; r < dim; r++) {
                    z += c.eigenvectors()[r][j] * (x[r] - c.mean()[r]);
                }
                l += -0.5 * z * z / c.eigenvalues()[j] - 0.5 * Math.log(c.eigenvalues()[j]);
            }
            logs[k] = l;
            max = Math.max(max, l);
        }
        double s = 0;
        for (double l : logs) {
            s += Math.exp(l - max);
        }
        return max + Math.log(s);
    }
}
