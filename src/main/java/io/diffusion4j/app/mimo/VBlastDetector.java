package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Cholesky;
import io.diffusion4j.noise.NoiseSource;

/**
 * MMSE successive interference cancellation with V-BLAST ordering (Wolniansky, Foschini, Golden &amp; Valenzuela,
 * ISSSE 1998, with the MMSE nulling vector in place of ZF): among the streams still undecided, detect the one with
 * the smallest MMSE error [(H_aᵀH_a + λI)⁻¹]_kk (largest post-SINR) by its MMSE filter row, slice it, subtract its
 * contribution from y and repeat. Works on the real-valued equivalent, so a stream is one real dimension.
 */
public record VBlastDetector(Qam qam) implements Detector {

    @Override
    public String id() {
        return "vblast";
    }

    @Override
    public int[] detect(Observation o, NoiseSource noise) {
        return detectInOrder(o, null);
    }

    /** The decisions; the detection order is written into {@code order} when it is not null. */
    public int[] detectInOrder(Observation o, int[] order) {
        double[][] h = o.h();
        int rows = h.length;
        int n = h[0].length;
        double lam = o.noiseVariance() / MimoPower.REAL_SYMBOL_ENERGY;
        double[] y = o.y().clone();
        boolean[] done = new boolean[n];
        int[] out = new int[n];
        for (int step = 0; step < n; step++) {
            int[] active = new int[n - step];
            for (int j = 0, a = 0; j < n; j++) {
                if (!done[j]) {
                    active[a++] = j;
                }
            }
            int m = active.length;
            double[][] g = new double[m][m];
            for (int p = 0; p < m; p++) {
                for (int q = p; q < m; q++) {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += h[r][active[p]] * h[r][active[q]];
                    }
                    g[p][q] = s;
                    g[q][p] = s;
                }
                g[p][p] += lam;
            }
            double[][] inv = new Cholesky(g, 0).inverse();
            int best = 0;
            for (int p = 1; p < m; p++) {
                if (inv[p][p] < inv[best][best]) {
                    best = p;
                }
            }
            // x̂_k = Σ_q inv[best][q]·(h_qᵀ y), the MMSE filter row of stream k applied to the current y
            double est = 0;
            for (int q = 0; q < m; q++) {
                double hy = 0;
                for (int r = 0; r < rows; r++) {
                    hy += h[r][active[q]] * y[r];
                }
                est += inv[best][q] * hy;
            }
            int k = active[best];
            out[k] = qam.slice(est);
            double a = qam.amplitude(out[k]);
            for (int r = 0; r < rows; r++) {
                y[r] -= h[r][k] * a;
            }
            done[k] = true;
            if (order != null) {
                order[step] = k;
            }
        }
        return out;
    }
}
