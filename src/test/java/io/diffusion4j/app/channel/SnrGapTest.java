package io.diffusion4j.app.channel;

import io.diffusion4j.metrics.ErrorCount;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gap at equal error rate on a reference that falls exactly exponentially in dB (rate 2^−dB), where log-linear interpolation is exact. */
class SnrGapTest {
    private static final long TRIALS = 1L << 30;

    private static ErrorRateSimulation.Point point(double db, double log2Rate) {
        return new ErrorRateSimulation.Point(db, 0, new ErrorCount(Math.round(Math.pow(2, 30 + log2Rate)), TRIALS));
    }

    private static List<ErrorRateSimulation.Point> reference() {
        List<ErrorRateSimulation.Point> ref = new ArrayList<>();
        for (int db = 0; db <= 8; db++) {
            ref.add(point(db, -db));
        }
        return ref;
    }

    @Test
    void gapIsTheDbDistanceAtEqualRate() {
        // measured at 5 dB with the reference's rate at 4.5 dB: it needs 0.5 dB less (gap −0.5); at 6.2 dB → +0.2
        // (rounding errors to an integer count of 2^30 trials moves log2(rate) by < 1e-7)
        assertEquals(-0.5, SnrGap.of(reference(), point(5, -5.5)).gapDb(), 1e-6);
        assertEquals(0.2, SnrGap.of(reference(), point(6.2, -6)).gapDb(), 1e-6);
        assertEquals(0.2, SnrGap.of(reference(), point(3.9, -3.7)).gapDb(), 1e-6);
        assertEquals(3.7, SnrGap.referenceDb(reference(), Math.pow(2, -3.7)), 1e-6);
    }

    @Test
    void intervalBracketsTheGapAndOutsideTheReferenceIsNaN() {
        SnrGap g = SnrGap.of(reference(), new ErrorRateSimulation.Point(5, 0, new ErrorCount(100, 3200)));
        assertEquals(0, g.gapDb(), 1e-9); // rate 1/32 = 2^−5 at 5 dB: on the reference
        assertTrue(g.lowDb() < g.gapDb() && g.gapDb() < g.highDb(), g.toString());
        assertTrue(Double.isNaN(SnrGap.referenceDb(reference(), Math.pow(2, -9))));
        assertTrue(Double.isNaN(SnrGap.referenceDb(reference(), 0)));
    }
}
