package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.linalg.SymmetricEigen;

/**
 * The thin singular value decomposition H = U·diag(s)·Vᵀ of a real n_r × n matrix, from the eigen-decomposition
 * HᵀH = V·diag(s²)·Vᵀ with u_j = H·v_j/s_j (u_j = 0 where s_j vanishes, which happens only when n_r &lt; n), and
 * the projected observation ȳ = Uᵀy.
 *
 * @param v     Vᵀ's rows are the right singular vectors: {@code v[j]} is v_j
 * @param s     the singular values
 * @param yBar  Uᵀy
 */
public record SvdBasis(double[][] v, double[] s, double[] yBar) {
    private static final double RANK_TOLERANCE = 1e-10;

    public static SvdBasis of(double[][] h, double[] y) {
        SymmetricEigen e = new SymmetricEigen(Matrices.gram(h));
        double[] lam = e.values();
        double[][] q = e.vectors();
        int n = lam.length;
        double[][] vt = Matrices.transpose(q);
        double[] s = new double[n];
        double[] yBar = new double[n];
        double scale = 0;
        for (double l : lam) {
            scale = Math.max(scale, Math.abs(l));
        }
        double[] hty = Matrices.multiplyTransposed(h, y);
        for (int j = 0; j < n; j++) {
            s[j] = lam[j] > RANK_TOLERANCE * scale ? Math.sqrt(lam[j]) : 0;
            // u_jᵀy = v_jᵀHᵀy / s_j
            double p = 0;
            for (int i = 0; i < n; i++) {
                p += vt[j][i] * hty[i];
            }
            yBar[j] = s[j] > 0 ? p / s[j] : 0;
        }
        return new SvdBasis(vt, s, yBar);
    }

    /** x = V·z. */
    public double[] toSignal(double[] z) {
        return Matrices.multiplyTransposed(v, z);
    }

    /** z = Vᵀ·x. */
    public double[] toSpectral(double[] x) {
        return Matrices.multiply(v, x);
    }
}
