package io.diffusion4j.app.channel;

import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.data.Points;

/**
 * How well a channel model reproduces 16-QAM over AWGN (the tutorial toy), with the pass criteria: residual
 * y − x with mean |μ| &lt; 0.02 per dimension and standard deviation within 5 % of σ per dimension, and the
 * minimum-distance symbol error rate on generated outputs within ±0.012 of the closed form.
 *
 * @param sampler      which sampler generated the outputs
 * @param sigma        the true noise std
 * @param residualMean per-dimension mean of y − x over generated outputs
 * @param residualStd  per-dimension standard deviation of y − x
 * @param ser          minimum-distance symbol errors on generated outputs
 * @param serAnalytic  the closed-form SER of the true channel
 * @param swd          sliced Wasserstein distance, generated vs true outputs for the same inputs
 * @param swdFloor     the same between two independent true samples (what "perfect" looks like at this size)
 * @param generated    generated outputs (for plots)
 * @param truth        true outputs for the same inputs
 */
public record ToyReport(String sampler, double sigma, double[] residualMean, double[] residualStd, ErrorCount ser,
                        double serAnalytic, double swd, double swdFloor, Points generated, Points truth) {

    public boolean meanOk() {
        for (double m : residualMean) {
            if (!(Math.abs(m) < 0.02)) {
                return false;
            }
        }
        return true;
    }

    public boolean stdOk() {
        for (double s : residualStd) {
            if (!(Math.abs(s / sigma - 1) <= 0.05)) {
                return false;
            }
        }
        return true;
    }

    public boolean serOk() {
        return Math.abs(ser.rate() - serAnalytic) <= 0.012;
    }

    public boolean pass() {
        return meanOk() && stdOk() && serOk();
    }

    /** The numbers (no samples) for toy.json: the SER as its rate and 95 % interval, and each pass criterion. */
    public Summary summary() {
        return new Summary(sampler, sigma, residualMean, residualStd, ser.rate(), new double[] {ser.lower(), ser.upper()},
                serAnalytic, swd, swdFloor, meanOk(), stdOk(), serOk(), pass());
    }

    /** One sampler's entry of toy.json (written by {@link io.diffusion4j.io.Reports}). */
    public record Summary(String sampler, double sigma, double[] residualMean, double[] residualStd, double ser,
                          double[] serCi95, double serAnalytic, double swd, double swdFloor, boolean passMean,
                          boolean passStd, boolean passSer, boolean pass) {
    }
}
