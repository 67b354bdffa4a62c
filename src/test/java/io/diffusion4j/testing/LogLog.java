package io.diffusion4j.testing;

import java.util.List;

/** Least-squares slope of y on x, for convergence orders measured on log–log axes. */
public final class LogLog {
    private LogLog() {
    }

    /** Slope of the least-squares line through the points (x, y). */
    public static double slope(List<double[]> xy) {
        double mx = 0;
        double my = 0;
        for (double[] p : xy) {
            mx += p[0] / xy.size();
            my += p[1] / xy.size();
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : xy) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxy / sxx;
    }
}
