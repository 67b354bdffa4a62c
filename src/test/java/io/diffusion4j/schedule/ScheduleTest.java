package io.diffusion4j.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {

    /** Relative agreement to 4 significant digits: |a − b| ≤ 5e-4·|b|. */
    private static void assertSig4(double expected, double actual) {
        assertEquals(expected, actual, 5e-4 * Math.abs(expected), () -> "expected " + expected + " got " + actual);
    }

    @Test
    void linearMatchesPublishedTerminalValues() {
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        assertSig4(4.035993e-05, s.snr(1000));
        assertSig4(0.006353, s.sqrtAlphaBar(1000));
        assertEquals(1e-4, s.beta(1), 1e-15);
        assertEquals(0.02, s.beta(1000), 1e-15);
    }

    @Test
    void cosineMatchesPublishedTerminalValues() {
        Schedule s = ScheduleSpec.of("cosine", 1000).build();
        assertSig4(2.428735e-09, s.snr(1000));
        assertSig4(4.928220e-05, s.sqrtAlphaBar(1000));
        for (int t = 1; t <= 1000; t++) {
            assertTrue(s.beta(t) <= 0.999, "cosine β is clipped at 0.999");
        }
    }

    @Test
    void scaledLinearMatchesPublishedTerminalValues() {
        Schedule s = ScheduleSpec.of("scaled-linear", 1000).build();
        assertSig4(0.004682, s.snr(1000));
        assertSig4(0.068265, s.sqrtAlphaBar(1000));
    }

    /** diffusers' scaled_linear: β = linspace(√0.00085, √0.012, T)², under its own name and diffusers'. */
    @Test
    void scaledLinearBetasAreTheClosedForm() {
        for (String name : new String[] {"scaled-linear", "scaled_linear", "Scaled_Linear"}) {
            ScheduleSpec spec = ScheduleSpec.of(name, 1000);
            assertEquals("scaled-linear", spec.name(), "stored under our id");
            Schedule s = spec.build();
            double a = Math.sqrt(0.00085);
            double b = Math.sqrt(0.012);
            for (int t = 1; t <= 1000; t++) {
                double r = a + (b - a) * (t - 1) / 999.0;
                assertEquals(r * r, s.beta(t), 1e-15, "β_" + t);
            }
            assertEquals(0.00085, s.beta(1), 1e-15);
            assertEquals(0.012, s.beta(1000), 1e-15);
        }
    }

    @Test
    void alphaBarIsTheProductOfAlphas() {
        Schedule s = ScheduleSpec.of("quadratic", 200).build();
        double prod = 1;
        for (int t = 1; t <= 200; t++) {
            prod *= 1 - s.beta(t);
            assertEquals(prod, s.alphaBar(t), 1e-14);
            assertEquals(prod / (1 - prod), s.snr(t), 1e-9 * s.snr(t));
            assertEquals(Math.log(prod / (1 - prod)), s.logSnr(t), 1e-9);
        }
        assertEquals(1.0, s.alphaBar(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "scaled-linear", "quadratic", "sigmoid", "cosine"})
    void betasIncreaseAndSnrDecreases(String name) {
        Schedule s = ScheduleSpec.of(name, 1000).build();
        for (int t = 2; t <= 1000; t++) {
            assertTrue(s.beta(t) >= s.beta(t - 1), name + ": β must not decrease at t=" + t);
            assertTrue(s.snr(t) < s.snr(t - 1), name + ": SNR must decrease at t=" + t);
        }
    }

    @Test
    void sigmoidRunsFromBetaStartToBetaEnd() {
        Schedule s = Schedule.sigmoid(100, 1e-4, 0.02);
        assertTrue(s.beta(1) < 1e-4 + 0.02 * 0.01, "β_1 is the smallest");
        assertTrue(s.beta(100) > 0.02 * 0.99, "β_T is the largest");
        assertEquals(1e-4 + (0.02 - 1e-4) / (1 + Math.exp(6)), s.beta(1), 1e-15);
    }

    @Test
    void constantScheduleHasOneBeta() {
        Schedule s = ScheduleSpec.of("constant", 100).build();
        for (int t = 1; t <= 100; t++) {
            assertEquals(0.05, s.beta(t));
        }
        assertEquals(Math.pow(0.95, 100), s.alphaBar(100), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "cosine", "scaled-linear"})
    void zeroTerminalSnrKeepsFirstStepAndZeroesTheLast(String name) {
        Schedule s = ScheduleSpec.of(name, 1000).build();
        Schedule z = s.withZeroTerminalSnr();
        assertEquals(0.0, z.sqrtAlphaBar(1000), 1e-12);
        assertEquals(0.0, z.snr(1000), 1e-20);
        assertEquals(1.0, z.beta(1000), 1e-12);
        assertEquals(s.sqrtAlphaBar(1), z.sqrtAlphaBar(1), 1e-12);
        // Lin et al. Algorithm 1 is an affine map of √ᾱ: check a middle step against it.
        double a1 = s.sqrtAlphaBar(1);
        double aT = s.sqrtAlphaBar(1000);
        assertEquals((s.sqrtAlphaBar(500) - aT) * a1 / (a1 - aT), z.sqrtAlphaBar(500), 1e-12);
    }

    @Test
    void posteriorVarianceIsHoEquation7() {
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        for (int t : new int[] {1, 2, 10, 500, 1000}) {
            double expected = (1 - s.alphaBar(t - 1)) / (1 - s.alphaBar(t)) * s.beta(t);
            assertEquals(expected, s.posteriorVariance(t), 1e-15);
        }
        assertEquals(0.0, s.posteriorVariance(1), 1e-18);
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.of("cosinus", 1000));
        assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.of("linear", 0));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSpec("linear", 10, -1.0, 0.02, false));
    }
}
