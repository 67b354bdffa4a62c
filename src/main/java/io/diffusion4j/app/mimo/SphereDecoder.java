package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.linalg.Qr;
import io.diffusion4j.noise.NoiseSource;

/**
 * Exact maximum-likelihood detection argmin_x ‖y − Hx‖² over the PAM lattice by the Schnorr–Euchner sphere decoder
 * (Schnorr &amp; Euchner, Math. Programming 1994; Agrell, Eriksson, Vardy &amp; Zeger, IEEE Trans. IT 2002, §3): with
 * H = QR and z = Qᵀy the metric is ‖z − Rx‖² + const; a depth-first search from the last coordinate visits the
 * levels of each coordinate in increasing distance from its centre c_k = (z_k − Σ_{j>k} R_kj x_j)/R_kk, the first
 * leaf (the Babai point) sets the radius, every better leaf shrinks it, and a branch stops as soon as its partial
 * metric reaches the radius. Needs N_R ≥ N_T (R square and non-singular).
 */
public record SphereDecoder(Qam qam) implements Detector {

    @Override
    public String id() {
        return "ml";
    }

    @Override
    public int[] detect(Observation o, NoiseSource noise) {
        Qr qr = new Qr(o.h());
        double[][] r = qr.r();
        double[] z = Matrices.multiplyTransposed(qr.q(), o.y());
        Search s = new Search(r, z, qam.amplitudes());
        s.descend(r.length - 1, 0);
        return s.best;
    }

    /** The state of one depth-first search. */
    private static final class Search {
        final double[][] r;
        final double[] z;
        final double[] amp;
        final int n;
        final int[] levels;
        final double[] x;
        final int[][] order;
        int[] best;
        double radius = Double.POSITIVE_INFINITY;

        Search(double[][] r, double[] z, double[] amp) {
            this.r = r;
            this.z = z;
            this.amp = amp;
            this.n = r.length;
            this.levels = new int[n];
            this.x = new double[n];
            this.order = new int[n][amp.length];
        }

        void descend(int k, double partial) {
            double s = z[k];
            for (int j = k + 1; j < n; j++) {
                s -= r[k][j] * x[j];
            }
            double rkk = r[k][k];
            double c = s / rkk;
            int[] ord = order[k];
            sortByDistance(c, ord);
            for (int i : ord) {
                double d = rkk * (c - amp[i]);
                double metric = partial + d * d;
                if (metric >= radius) {
                    break; // the rest of this level is farther still
                }
                levels[k] = i;
                x[k] = amp[i];
                if (k == 0) {
                    radius = metric;
                    best = levels.clone();
                } else {
                    descend(k - 1, metric);
                }
            }
        }

        /** The level indices in increasing |c − a_i| (insertion sort; at most 8 levels per dimension). */
        void sortByDistance(double c, int[] ord) {
            for (int i = 0; i < amp.length; i++) {
                int j = i;
                double di = Math.abs(c - amp[i]);
                while (j > 0 && Math.abs(c - amp[ord[j - 1]]) > di) {
                    ord[j] = ord[j - 1];
                    j--;
                }
                ord[j] = i;
            }
        }
    }
}
