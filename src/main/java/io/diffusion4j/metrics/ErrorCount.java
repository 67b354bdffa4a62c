package io.diffusion4j.metrics;

/**
 * Errors among trials of a Monte-Carlo run, with the 95 % Wilson score interval (Wilson 1927; Brown, Cai &amp;
 * DasGupta 2001 recommend it over the Wald interval for small rates).
 */
public record ErrorCount(long errors, long trials) {
    private static final double Z95 = 1.959963984540054;

    public ErrorCount {
        if (errors < 0 || trials < 0 || errors > trials) {
            throw new IllegalArgumentException("need 0 <= errors <= trials, got " + errors + " of " + trials);
        }
    }

    public double rate() {
        return trials == 0 ? Double.NaN : (double) errors / trials;
    }

    public ErrorCount plus(long moreErrors, long moreTrials) {
        return new ErrorCount(errors + moreErrors, trials + moreTrials);
    }

    /** Lower end of the 95 % Wilson interval. */
    public double lower() {
        return wilson(-1);
    }

    /** Upper end of the 95 % Wilson interval. */
    public double upper() {
        return wilson(1);
    }

    private double wilson(int sign) {
        double n = trials;
        double p = rate();
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Math.min(1, Math.max(0, centre + sign * half));
    }
}
