package io.diffusion4j.app.mimo;

/** Maximum likelihood by trying every one of the √M^{2N_T} level vectors (tests only: exponential). */
final class ExhaustiveMl {
    private ExhaustiveMl() {
    }

    static int[] detect(Qam qam, Observation o) {
        int n = o.unknowns();
        int side = qam.side();
        int[] levels = new int[n];
        int[] best = null;
        double bestMetric = Double.POSITIVE_INFINITY;
        long total = (long) Math.pow(side, n);
        for (long c = 0; c < total; c++) {
            long r = c;
            for (int i = 0; i < n; i++) {
                levels[i] = (int) (r % side);
                r /= side;
            }
            double m = o.residual(qam.amplitudes(levels));
            if (m < bestMetric) {
                bestMetric = m;
                best = levels.clone();
            }
        }
        return best;
    }
}
