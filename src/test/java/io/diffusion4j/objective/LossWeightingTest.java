package io.diffusion4j.objective;

import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Weightings as weights on the x₀ error (Hang et al. 2023, Table 1), turned into factors on each parametrization's MSE. */
class LossWeightingTest {
    static final NoiseLevel LOW = new NoiseLevel(Math.sqrt(0.9), Math.sqrt(0.1), 10);    // SNR 9
    static final NoiseLevel HIGH = new NoiseLevel(Math.sqrt(0.2), Math.sqrt(0.8), 900); // SNR 0.25

    @Test
    void namedWeightingsOnTheX0Error() {
        for (Parametrization p : Parametrization.values()) {
            assertEquals(9, LossWeighting.SNR.x0Weight(LOW, p), 1e-12);
            assertEquals(10, LossWeighting.SNR_PLUS_ONE.x0Weight(LOW, p), 1e-12);
            assertEquals(9, LossWeighting.TRUNCATED_SNR.x0Weight(LOW, p), 1e-12);
            assertEquals(1, LossWeighting.TRUNCATED_SNR.x0Weight(HIGH, p), 1e-12);
            assertEquals(5, LossWeighting.minSnr(5).x0Weight(LOW, p), 1e-12);
            assertEquals(0.25, LossWeighting.minSnr(5).x0Weight(HIGH, p), 1e-12);
        }
    }

    @Test
    void factorsOnTheParametrizationMse() {
        // L_simple is the plain MSE whatever the target
        for (Parametrization p : Parametrization.values()) {
            assertEquals(1, LossWeighting.NONE.factor(LOW, p), 1e-12);
        }
        // ε-MSE is SNR-weighted x₀ error; v-MSE is (SNR+1)-weighted (Salimans & Ho 2022)
        assertEquals(1, LossWeighting.SNR.factor(LOW, Parametrization.EPS), 1e-12);
        assertEquals(1, LossWeighting.SNR_PLUS_ONE.factor(HIGH, Parametrization.V), 1e-12);
        // min-SNR-5 for ε: min(SNR, 5)/SNR (Hang et al. eq. 8); for v: min(SNR, 5)/(SNR + 1)
        assertEquals(5.0 / 9, LossWeighting.minSnr(5).factor(LOW, Parametrization.EPS), 1e-12);
        assertEquals(5.0 / 10, LossWeighting.minSnr(5).factor(LOW, Parametrization.V), 1e-12);
        assertEquals(0.25, LossWeighting.minSnr(5).factor(HIGH, Parametrization.X0), 1e-12);
    }

    @Test
    void parsing() {
        assertEquals("min-snr-5", LossWeighting.parse("min-snr-5").id());
        assertEquals("snr+1", LossWeighting.parse("SNR+1").id());
        assertThrows(IllegalArgumentException.class, () -> LossWeighting.parse("min-snr-x"));
        assertThrows(IllegalArgumentException.class, () -> LossWeighting.parse("min-snr--1"));
    }
}
