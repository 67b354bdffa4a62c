package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.linalg.SymmetricEigen;

/**
 * The Fréchet (2-Wasserstein) distance between Gaussian fits of two point sets, the quantity behind FID (Heusel et
 * al. 2017, eq. 6; Dowson &amp; Landau 1982): d² = ‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}.
 * The matrix square roots come from symmetric eigen-decompositions, so no complex arithmetic or iterative sqrtm is
 * needed; negative round-off eigenvalues are clipped at 0. Reported as d² (the FID convention).
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** A Gaussian fit: mean and (unbiased) covariance. */
    public record Fit(double[] mean, double[][] covariance) {

        public static Fit of(Points p) {
            return new Fit(Moments.mean(p), Moments.covariance(p));
        }
    }

    /** d² between the Gaussian fits of two point sets. */
    public static double squared(Points p, Points q) {
        return squared(Fit.of(p), Fit.of(q));
    }

    public static double squared(Fit a, Fit b) {
        return Reference.of(a).squared(b);
    }

    /**
     * A fixed first argument with its covariance square root Σ₁^{1/2} computed once: FID against one reference
     * set (and its bootstrap) then costs one eigen-decomposition per sample instead of two.
     */
    public record Reference(Fit fit, double[][] root) {

        public static Reference of(Fit fit) {
            return new Reference(fit, sqrtPsd(fit.covariance()));
        }

        /** d² between this reference and b. */
        public double squared(Fit b) {
            int d = fit.mean().length;
            if (b.mean().length != d) {
                throw new IllegalArgumentException("dimensions differ: " + d + " vs " + b.mean().length);
            }
            double s = 0;
            for (int i = 0; i < d; i++) {
                double diff = fit.mean()[i] - b.mean()[i];
                s += diff * diff;
            }
            double[][] m = multiply(multiply(root, b.covariance()), root);
            double trRoot = 0;
            for (double lambda : new SymmetricEigen(symmetrise(m)).values()) {
                trRoot += Math.sqrt(Math.max(0, lambda));
            }
            return s + trace(fit.covariance()) + trace(b.covariance()) - 2 * trRoot;
        }
    }

    /** Q·diag(√max(λ, 0))·Qᵀ. */
    static double[][] sqrtPsd(double[][] c) {
        SymmetricEigen e = new SymmetricEigen(c);
        double[] l = e.values();
        double[][] q = e.vectors();
        int d = l.length;
        double[][] out = new double[d][d];
        for (int k = 0; k < d; k++) {
            double r = Math.sqrt(Math.max(0, l[k]));
            for (int i = 0; i < d; i++) {
                double qi = q[i][k] * r;
                for (int j = 0; j < d; j++) {
                    out[i][j] += qi * q[j][k];
                }
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                for (int j = 0; j < n; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] symmetrise(double[][] m) {
        int n = m.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (m[i][j] + m[j][i]);
            }
        }
        return s;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }
}
