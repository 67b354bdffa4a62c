package io.diffusion4j.likelihood;

import io.diffusion4j.data.Normalization;
import io.diffusion4j.io.Reports;

/**
 * A negative log-likelihood (or its upper bound) in bits per dimension, with the standard error of the mean over the
 * evaluated samples: bpd = mean_n(nats_n)/(D·ln 2) for D dimensions per sample. {@code method} says how it was
 * computed ("elbo" or "ode"), {@code estimator} which estimate ("all-t" or "stratified-t(K)"; "exact" or "hutchinson(K)"), and
 * {@code decoder} which L₀ made it a density or a code length. Its JSON ({@link Reports}) is the CLI contract:
 * bpd, stderr, method, estimator, decoder, n (the dimension count stays out).
 */
public record BoundEstimate(double bpd, double stderr, String method, String estimator, String decoder, int n,
                            @Reports.Omit long dims) {

    /** The estimate from per-sample values in nats. */
    public static BoundEstimate of(double[] nats, long dims, String method, String estimator, String decoder) {
        int n = nats.length;
        if (n < 2) {
            throw new IllegalArgumentException("a likelihood estimate needs at least 2 samples, got " + n);
        }
        double mean = 0;
        for (double v : nats) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : nats) {
            ss += (v - mean) * (v - mean);
        }
        double perBit = dims * Math.log(2);
        return new BoundEstimate(mean / perBit, Math.sqrt(ss / (n - 1) / n) / perBit, method, estimator, decoder, n, dims);
    }

    /**
     * The estimate for data that was standardised by {@code z}: densities change by the Jacobian,
     * −log p(x) = −log p(z) + Σ_j log std_j, so bits/dim grow by Σ_j log std_j/(D·ln 2) (D = dims; the normalisation
     * covers all of them).
     */
    public BoundEstimate inDataUnits(Normalization z) {
        double logDet = 0;
        for (double s : z.std()) {
            logDet += Math.log(s);
        }
        if (z.std().length != dims) {
            throw new IllegalArgumentException("normalisation of " + z.std().length + " dimensions for " + dims + "-d samples");
        }
        return new BoundEstimate(bpd + logDet / (dims * Math.log(2)), stderr, method, estimator, decoder, n, dims);
    }

    /** Nats per dimension (bpd·ln 2). */
    public double natsPerDim() {
        return bpd * Math.log(2);
    }
}
