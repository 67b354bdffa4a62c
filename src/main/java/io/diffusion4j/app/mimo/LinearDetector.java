package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Cholesky;
import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;

/**
 * The linear detectors x̂ = (HᵀH + λI)⁻¹Hᵀy followed by per-dimension slicing: zero forcing (λ = 0) and MMSE
 * (λ = σ²/E_s per real dimension) (Tse &amp; Viswanath, "Fundamentals of Wireless Communication", ch. 8).
 * The MMSE filter's output SINR on stream k is 1/[(I + E_s·HᵀH/σ²)⁻¹]_kk − 1 (in real form), since the MMSE error
 * covariance is E_s·(I + E_s·HᵀH/σ²)⁻¹ and SINR_k = E_s/E_kk − 1.
 */
public record LinearDetector(Qam qam, boolean mmse) implements Detector {

    public static LinearDetector zf(Qam qam) {
        return new LinearDetector(qam, false);
    }

    public static LinearDetector mmse(Qam qam) {
        return new LinearDetector(qam, true);
    }

    @Override
    public String id() {
        return mmse ? "mmse" : "zf";
    }

    /** λ of the regularised inverse. */
    public double lambda(double noiseVariance) {
        return mmse ? noiseVariance / MimoPower.REAL_SYMBOL_ENERGY : 0;
    }

    /** The filter W = (HᵀH + λI)⁻¹Hᵀ (2N_T × 2N_R). */
    public double[][] filter(Observation o) {
        double[][] g = Matrices.gram(o.h());
        double lam = lambda(o.noiseVariance());
        for (int i = 0; i < g.length; i++) {
            g[i][i] += lam;
        }
        return Matrices.multiply(new Cholesky(g, 0).inverse(), Matrices.transpose(o.h()));
    }

    /** The unsliced estimate Wy. */
    public double[] estimate(Observation o) {
        double[][] g = Matrices.gram(o.h());
        double lam = lambda(o.noiseVariance());
        for (int i = 0; i < g.length; i++) {
            g[i][i] += lam;
        }
        return new Cholesky(g, 0).solve(Matrices.multiplyTransposed(o.h(), o.y()));
    }

    @Override
    public int[] detect(Observation o, NoiseSource noise) {
        return qam.slice(estimate(o));
    }

    /** The analytic MMSE output SINR of every real stream, 1/[(I + E_s·HᵀH/σ²)⁻¹]_kk − 1. */
    public static double[] mmseSinr(Observation o) {
        double es = MimoPower.REAL_SYMBOL_ENERGY;
        double[][] g = Matrices.gram(o.h());
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                g[i][j] *= es / o.noiseVariance();
            }
            g[i][i] += 1;
        }
        double[][] inv = new Cholesky(g, 0).inverse();
        double[] sinr = new double[g.length];
        for (int k = 0; k < sinr.length; k++) {
            sinr[k] = 1 / inv[k][k] - 1;
        }
        return sinr;
    }
}
