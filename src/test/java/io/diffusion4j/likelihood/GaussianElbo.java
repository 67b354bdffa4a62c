package io.diffusion4j.likelihood;

import io.diffusion4j.schedule.Schedule;

/**
 * An independent closed-form computation of the variational bound for Gaussian data N(μ, Σ) with the exact denoiser,
 * in plain double arithmetic straight from Ho et al. 2020 (eqs. 4, 5, 7) — no library class is used, so tests can
 * hold the library's terms against it. The exact posterior mean is x̂₀(x_t) = μ + G(x_t − αμ) with
 * G = αΣ(α²Σ + σ²I)⁻¹. A grid is given by its ᾱ values: ab[0] = 1 (the data), ab[1..S] for t = 1..S; on a skipped
 * grid "β_t" is the variance of the whole step, 1 − ᾱ_t/ᾱ_{t−1}.
 */
final class GaussianElbo {
    final double[] mu;
    final double[][] cov;
    final int d;

    GaussianElbo(double[] mu, double[][] cov) {
        this.mu = mu;
        this.cov = cov;
        this.d = mu.length;
    }

    /** G = αΣ(α²Σ + σ²I)⁻¹ for ᾱ = alphaBar. */
    double[][] gain(double alphaBar) {
        double a = Math.sqrt(alphaBar);
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = alphaBar * cov[i][j] + (i == j ? 1 - alphaBar : 0);
            }
        }
        double[][] inv = inverse(m);
        double[][] g = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    g[i][j] += a * cov[i][k] * inv[k][j];
                }
            }
        }
        return g;
    }

    double[] posteriorMeanX0(double[] xt, double alphaBar) {
        double a = Math.sqrt(alphaBar);
        double[][] g = gain(alphaBar);
        double[] r = mu.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                r[i] += g[i][j] * (xt[j] - a * mu[j]);
            }
        }
        return r;
    }

    /** ᾱ of the full schedule, ab[t] for t = 0..T. */
    static double[] alphaBars(Schedule s) {
        double[] ab = new double[s.T() + 1];
        for (int t = 0; t <= s.T(); t++) {
            ab[t] = s.alphaBar(t);
        }
        return ab;
    }

    /** "β_t" = 1 − ᾱ_t/ᾱ_{t−1}. */
    static double beta(double[] ab, int t) {
        return 1 - ab[t] / ab[t - 1];
    }

    /** β̃_t, Ho et al. eq. 7. */
    static double betaTilde(double[] ab, int t) {
        return (1 - ab[t - 1]) / (1 - ab[t]) * beta(ab, t);
    }

    /** √ᾱ_{t−1}β_t/(1 − ᾱ_t), the coefficient of x₀ in the posterior mean (eq. 7). */
    static double coefX0(double[] ab, int t) {
        return Math.sqrt(ab[t - 1]) * beta(ab, t) / (1 - ab[t]);
    }

    /** The decoder / reverse variance at step t (t = 1 is the decoder), for v: 0 = β̃ (β̃₂ at t = 1), 1 = β_t. */
    static double reverseVariance(double[] ab, int t, double v) {
        double tilde = t == 1 ? betaTilde(ab, 2) : betaTilde(ab, t);
        return Math.exp(v * Math.log(beta(ab, t)) + (1 - v) * Math.log(tilde));
    }

    /** L_T for one x₀. */
    double prior(double[] ab, double[] x0) {
        double a = ab[ab.length - 1];
        double l = 0;
        for (int j = 0; j < d; j++) {
            l += 0.5 * ((1 - a) + a * x0[j] * x0[j] - 1 - Math.log(1 - a));
        }
        return l;
    }

    /** L_{t−1} for t ≥ 2, or L₀ (Gaussian decoder) for t = 1, for one x₀, x_t and variance fraction v. */
    double term(double[] ab, int t, double[] x0, double[] xt, double v) {
        double[] x0hat = posteriorMeanX0(xt, ab[t]);
        double var = reverseVariance(ab, t, v);
        double l = 0;
        if (t == 1) {
            for (int j = 0; j < d; j++) {
                double e = x0[j] - x0hat[j];
                l += 0.5 * Math.log(2 * Math.PI * var) + e * e / (2 * var);
            }
            return l;
        }
        double c0 = coefX0(ab, t);
        double bt = betaTilde(ab, t);
        for (int j = 0; j < d; j++) {
            double e = c0 * (x0[j] - x0hat[j]); // μ̃(x_t, x₀) − μ̃(x_t, x̂₀)
            l += 0.5 * (Math.log(var / bt) + bt / var - 1 + e * e / var);
        }
        return l;
    }

    /** E‖x₀ − x̂₀(x_t)‖² over x₀ ~ N(μ, Σ) and ε: tr((I − αG)Σ(I − αG)ᵀ) + σ²·tr(GGᵀ). */
    double expectedSquaredError(double alphaBar) {
        double a = Math.sqrt(alphaBar);
        double[][] g = gain(alphaBar);
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                r[i][j] = (i == j ? 1 : 0) - a * g[i][j];
            }
        }
        double e = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    e += r[i][j] * cov[j][k] * r[i][k];
                }
                e += (1 - alphaBar) * g[i][j] * g[i][j];
            }
        }
        return e;
    }

    /** E[L_T + Σ_t L_{t−1}] over the data and the forward process, in nats per sample (fraction v). */
    double expectedBound(double[] ab, double v) {
        int T = ab.length - 1;
        double a = ab[T];
        double total = 0;
        for (int j = 0; j < d; j++) {
            total += 0.5 * ((1 - a) + a * (mu[j] * mu[j] + cov[j][j]) - 1 - Math.log(1 - a));
        }
        for (int t = 1; t <= T; t++) {
            double var = reverseVariance(ab, t, v);
            double err = expectedSquaredError(ab[t]);
            if (t == 1) {
                total += 0.5 * d * Math.log(2 * Math.PI * var) + err / (2 * var);
            } else {
                double c0 = coefX0(ab, t);
                double bt = betaTilde(ab, t);
                total += 0.5 * d * (Math.log(var / bt) + bt / var - 1) + c0 * c0 * err / (2 * var);
            }
        }
        return total;
    }

    /** The differential entropy ½ log det(2πeΣ) = E[−log N(x₀; μ, Σ)]. */
    double entropy() {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = 2 * Math.PI * Math.E * cov[i][j];
            }
        }
        return 0.5 * Math.log(det(m));
    }

    private static double det(double[][] m) {
        double[][] a = copy(m);
        int n = a.length;
        double det = 1;
        for (int c = 0; c < n; c++) {
            for (int r = c + 1; r < n; r++) {
                double f = a[r][c] / a[c][c];
                for (int k = c; k < n; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
            det *= a[c][c];
        }
        return det;
    }

    private static double[][] inverse(double[][] m) {
        int n = m.length;
        double[][] a = copy(m);
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i][i] = 1;
        }
        for (int c = 0; c < n; c++) {
            double p = a[c][c];
            for (int k = 0; k < n; k++) {
                a[c][k] /= p;
                inv[c][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int k = 0; k < n; k++) {
                        a[r][k] -= f * a[c][k];
                        inv[r][k] -= f * inv[c][k];
                    }
                }
            }
        }
        return inv;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
