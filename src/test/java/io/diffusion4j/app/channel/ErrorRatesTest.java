package io.diffusion4j.app.channel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The closed-form references against 30-digit values computed with mpmath (erfc at 30 decimal digits). */
class ErrorRatesTest {
    private static final double REL = 1e-6;

    private static void assertRel(double expected, double actual) {
        assertEquals(expected, actual, REL * Math.abs(expected), () -> "expected " + expected + ", got " + actual);
    }

    @Test
    void gaussianTailMatchesHighPrecisionValues() {
        assertRel(0.5, ErrorRates.q(0));
        assertRel(0.30853753872598689636, ErrorRates.q(0.5));
        assertRel(0.15865525393145705141, ErrorRates.q(1));
        assertRel(0.0227501319481792072, ErrorRates.q(2));
        assertRel(0.0013498980316300945267, ErrorRates.q(3));
        assertRel(2.8665157187919391167e-7, ErrorRates.q(5));
        assertRel(6.2209605742717841235e-16, ErrorRates.q(8));
        assertRel(1.7764821120776789977e-33, ErrorRates.q(12));
        assertRel(1 - 0.15865525393145705141, ErrorRates.q(-1));
    }

    @Test
    void uncodedBpsk() {
        assertRel(0.078649603525142565329, ErrorRates.bpskBer(0));
        assertRel(0.0023882907809328063276, ErrorRates.bpskBer(6)); // the 2.39e-3
        assertRel(3.8721082155220418188e-6, ErrorRates.bpskBer(10));
    }

    @Test
    void qam16SymbolErrorRate() {
        assertRel(0.47917801677570984089, ErrorRates.qam16Ser(0));
        assertRel(0.16054935246173018367, ErrorRates.qam16Ser(5)); // the 0.1606
        assertRel(0.0070042942940098850456, ErrorRates.qam16Ser(10));
    }

    @Test
    void hammingHardDecisionBlockErrorRate() {
        assertRel(0.26259119968637901295, ErrorRates.hamming74HardBler(0));
        assertRel(0.015657168650481241945, ErrorRates.hamming74HardBler(5)); // the 0.0157
        assertRel(0.000272341499437241079, ErrorRates.hamming74HardBler(8));
    }

    @Test
    void rayleighBpsk() {
        assertRel(0.1464466094067262378, ErrorRates.rayleighBpskBer(0));
        assertRel(0.023268705377203842277, ErrorRates.rayleighBpskBer(10)); // the 0.0233
        assertRel(0.0024814048950054321674, ErrorRates.rayleighBpskBer(20));
    }

    @Test
    void powerConventionGivesTheTutorialNoise() {
        // 16-QAM on n = 2 at 5 dB: R = 2, σ = 1/√(4·10^0.5) = 0.281170...
        assertRel(1 / Math.sqrt(4 * Math.pow(10, 0.5)), PowerConvention.noiseStd(5, 16, 2));
        assertEquals(0.28117, PowerConvention.noiseStd(5, 16, 2), 5e-6);
    }
}
