package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.linalg.SymmetricEigen;

/**
 * The exact answer for a linear inverse problem with a Gaussian-mixture prior: for x₀ ~ Σ_k w_k N(μ_k, Σ_k) and
 * y = A·x₀ + σ_y·n, p(x₀ | y) is again a mixture (Bishop 2006, §2.3.3, eqs. 2.113–2.117, per component) with
 * S_k = AΣ_kAᵀ + σ_y²I, K_k = Σ_kAᵀS_k⁺, μ'_k = μ_k + K_k(y − Aμ_k), Σ'_k = Σ_k − K_kAΣ_k and w'_k ∝ w_k·N(y; Aμ_k, S_k).
 * Pseudo-inverses and pseudo-determinants make σ_y = 0 and rank-deficient A (masks) work. This is the reference
 * that DPS, replacement and RePaint are measured against with the {@code MixtureOracle} as their prior.
 */
public final class GaussianPosterior {
    private GaussianPosterior() {
    }

    /** The m×d matrix of A on images of {@code imageShape} (without the batch axis), by applying A to the basis. */
    public static double[][] matrix(MeasurementOperator op, Shape imageShape, NDManager manager) {
        int d = Math.toIntExact(imageShape.size());
        try (NDManager m = manager.newSubManager()) {
            NDArray basis = m.eye(d, d, 0, DataType.FLOAT64).reshape(new Shape(d).addAll(imageShape));
            NDArray cols = op.apply(basis).reshape(d, -1); // row i = A·e_i
            int rows = Math.toIntExact(cols.getShape().get(1));
            double[] flat = cols.toDoubleArray();
            double[][] a = new double[rows][d];
            for (int i = 0; i < d; i++) {
                for (int r = 0; r < rows; r++) {
                    a[r][i] = flat[i * rows + r];
                }
            }
            return a;
        }
    }

    /** p(x₀ | y) for the prior, the operator matrix A (m×d), σ_y and one measurement y (length m). */
    public static GaussianMixture posterior(GaussianMixture prior, double[][] a, double sigmaY, double[] y) {
        int d = prior.dim();
        int m = a.length;
        int k = prior.components().size();
        double[] logW = new double[k];
        double[][] means = new double[k][];
        double[][][] covs = new double[k][][];
        for (int c = 0; c < k; c++) {
            GaussianMixture.Component comp = prior.components().get(c);
            double[][] sigma = covariance(comp);
            double[][] sigmaAt = Matrices.mul(sigma, Matrices.transpose(a)); // d×m
            double[][] s = Matrices.mul(a, sigmaAt); // m×m
            for (int i = 0; i < m; i++) {
                s[i][i] += sigmaY * sigmaY;
            }
            SymmetricEigen e = new SymmetricEigen(s);
            double[] lam = e.values();
            double[][] q = e.vectors();
            double tol = 1e-10 * Math.max(1e-300, max(lam));
            double[] resid = new double[m];
            double[] am = Matrices.mulVec(a, comp.mean());
            for (int i = 0; i < m; i++) {
                resid[i] = y[i] - am[i];
            }
            double[][] sPinv = new double[m][m];
            double logDet = 0;
            double maha = 0;
            int rank = 0;
            for (int j = 0; j < m; j++) {
                if (lam[j] <= tol) {
                    continue;
                }
                rank++;
                logDet += Math.log(lam[j]);
                double z = 0;
                for (int i = 0; i < m; i++) {
                    z += q[i][j] * resid[i];
                }
                maha += z * z / lam[j];
                for (int r = 0; r < m; r++) {
                    for (int t = 0; t < m; t++) {
                        sPinv[r][t] += q[r][j] * q[t][j] / lam[j];
                    }
                }
            }
            double[][] gain = Matrices.mul(sigmaAt, sPinv); // K = ΣAᵀS⁺, d×m
            double[] mu = comp.mean().clone();
            double[] shift = Matrices.mulVec(gain, resid);
            for (int i = 0; i < d; i++) {
                mu[i] += shift[i];
            }
            double[][] cov = Matrices.mul(gain, Matrices.transpose(sigmaAt)); // K·AΣ
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov[i][j] = sigma[i][j] - cov[i][j];
                }
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    cov[i][j] = cov[j][i] = 0.5 * (cov[i][j] + cov[j][i]);
                }
            }
            means[c] = mu;
            covs[c] = cov;
            logW[c] = Math.log(comp.weight()) - 0.5 * (maha + logDet + rank * Math.log(2 * Math.PI));
        }
        double top = max(logW);
        double[] w = new double[k];
        for (int c = 0; c < k; c++) {
            w[c] = Math.exp(logW[c] - top);
        }
        return GaussianMixture.of(w, means, covs);
    }

    private static double[][] covariance(GaussianMixture.Component c) {
        int d = c.mean().length;
        double[][] s = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < d; l++) {
                    s[i][j] += c.eigenvectors()[i][l] * c.eigenvalues()[l] * c.eigenvectors()[j][l];
                }
            }
        }
        return s;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
