package io.diffusion4j.app.channel;

import io.diffusion4j.metrics.ErrorCount;
import java.util.List;

/**
 * The Eb/N0 gap of a measured error rate to a reference curve at equal error rate — how "within 0.2 dB of
 * Hamming(7,4) soft-ML" is judged: the reference's Eb/N0 at which it reaches the measured rate is found by linear
 * interpolation of log₁₀(rate) against dB between the two reference points that bracket the rate (exact for a
 * curve that falls exponentially in dB between points, as error rates nearly do over 1 dB), and the gap is
 * Eb/N0(measured) − Eb/N0_ref(rate): positive means the measured system needs more energy than the reference.
 * The interval comes from the measured point's 95 % Wilson interval alone; the reference's own Monte-Carlo
 * uncertainty is not included.
 *
 * @param gapDb  gap at the measured rate
 * @param lowDb  gap at the lower end of the measured rate's 95 % interval
 * @param highDb gap at the upper end of that interval
 */
public record SnrGap(double gapDb, double lowDb, double highDb) {

    /** The gap of {@code point} to {@code reference} (points in increasing Eb/N0, rates falling); NaN outside it. */
    public static SnrGap of(List<ErrorRateSimulation.Point> reference, ErrorRateSimulation.Point point) {
        ErrorCount c = point.count();
        return new SnrGap(point.ebN0Db() - referenceDb(reference, c.rate()), point.ebN0Db() - referenceDb(reference, c.lower()),
                point.ebN0Db() - referenceDb(reference, c.upper()));
    }

    /** The reference's Eb/N0 (dB) at error rate {@code rate}; NaN when the rate lies outside the reference's range. */
    public static double referenceDb(List<ErrorRateSimulation.Point> reference, double rate) {
        if (!(rate > 0)) {
            return Double.NaN;
        }
        double target = Math.log10(rate);
        for (int i = 0; i + 1 < reference.size(); i++) {
            ErrorRateSimulation.Point a = reference.get(i);
            ErrorRateSimulation.Point b = reference.get(i + 1);
            double ra = a.count().rate();
            double rb = b.count().rate();
            if (!(ra > 0 && rb > 0) || ra == rb) {
                continue;
            }
            double la = Math.log10(ra);
            double lb = Math.log10(rb);
            if ((target - la) * (target - lb) <= 0) {
                return a.ebN0Db() + (target - la) / (lb - la) * (b.ebN0Db() - a.ebN0Db());
            }
        }
        return Double.NaN;
    }
}
