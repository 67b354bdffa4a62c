package io.diffusion4j.app.channel;

/**
 * Closed-form error rates under the package's power convention (Proakis &amp; Salehi, "Digital Communications", 5th
 * ed.: eq. 4.3-13 for BPSK, eq. 4.3-30 for square QAM, eq. 14.3-7 for BPSK in Rayleigh fading; hard-decision block
 * error of a perfect single-error-correcting code, §7.5). Every argument {@code ebN0Db} is Eb/N0 in dB.
 */
public final class ErrorRates {
    private static final double SQRT2 = Math.sqrt(2);

    private ErrorRates() {
    }

    /** Gaussian tail Q(x) = ½·erfc(x/√2). */
    public static double q(double x) {
        return 0.5 * erfc(x / SQRT2);
    }

    /** Uncoded BPSK bit error rate Q(√(2Eb/N0)). */
    public static double bpskBer(double ebN0Db) {
        return q(Math.sqrt(2 * PowerConvention.fromDb(ebN0Db)));
    }

    /** 16-QAM symbol error rate 1 − (1 − 1.5·Q(√(0.8·Eb/N0)))² (two independent 4-PAM rails, 4 bits per symbol). */
    public static double qam16Ser(double ebN0Db) {
        double p = 1.5 * q(Math.sqrt(0.8 * PowerConvention.fromDb(ebN0Db)));
        return 1 - (1 - p) * (1 - p);
    }

    /**
     * Hamming(7,4) with BPSK and hard decisions: the code bits see a BSC with p = Q(√(2·(4/7)·Eb/N0)) and syndrome
     * decoding fails exactly when two or more of the seven bits flip: 1 − (1−p)⁷ − 7p(1−p)⁶.
     */
    public static double hamming74HardBler(double ebN0Db) {
        double p = q(Math.sqrt(2 * (4.0 / 7) * PowerConvention.fromDb(ebN0Db)));
        return 1 - Math.pow(1 - p, 7) - 7 * p * Math.pow(1 - p, 6);
    }

    /** BPSK in Rayleigh fading with E[h²] = 1 and coherent detection: ½(1 − √(γ/(1+γ))), γ = Eb/N0. */
    public static double rayleighBpskBer(double ebN0Db) {
        double g = PowerConvention.fromDb(ebN0Db);
        return 0.5 * (1 - Math.sqrt(g / (1 + g)));
    }

    /**
     * The complementary error function to about 1e-15 relative: the everywhere-positive series
     * erf(x) = 2/√π·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3⋯(2n+1)) below 2 (Abramowitz &amp; Stegun 7.1.6), and the continued
     * fraction erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) from 2 on (A&amp;S 7.1.14, evaluated with
     * Lentz's method).
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2) {
            double term = x;
            double sum = x;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
        }
        if (x > 27) {
            return 0; // below the smallest double
        }
        // f = x + a1/(x + a2/(x + …)), a_k = k/2, by the modified Lentz algorithm.
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = x + a / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
