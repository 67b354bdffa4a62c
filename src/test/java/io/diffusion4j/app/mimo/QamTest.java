package io.diffusion4j.app.mimo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QamTest {

    @Test
    void unitEnergyGrayNeighboursAndSlicing() {
        for (int m : new int[] {4, 16, 64}) {
            Qam q = new Qam(m);
            double e = 0;
            for (double a : q.amplitudes()) {
                e += a * a;
            }
            // E|s|² = 2 rails × mean of a² over the √M levels
            assertEquals(1.0, 2 * e / q.side(), 1e-12, m + "-QAM energy");
            for (int i = 0; i + 1 < q.side(); i++) {
                assertEquals(1, Qam.bitErrors(i, i + 1), "Gray neighbours differ in one bit");
                assertEquals(i, q.slice(q.amplitude(i) + 0.99 * q.spacing()));
                assertEquals(i + 1, q.slice(q.amplitude(i) + 1.01 * q.spacing()));
            }
            assertEquals(0, q.slice(-100));
            assertEquals(q.side() - 1, q.slice(100));
        }
        assertEquals(2, new Qam(16).bitsPerRail());
        assertEquals(6, new Qam(64).bitsPerSymbol());
    }

    @Test
    void parsesNamesAndRefusesNonSquareOrders() {
        assertEquals(4, Qam.parse("QPSK").order());
        assertEquals(16, Qam.parse("16qam").order());
        assertEquals(64, Qam.parse("64-QAM").order());
        assertThrows(IllegalArgumentException.class, () -> Qam.parse("8qam"));
        assertThrows(IllegalArgumentException.class, () -> Qam.parse("32qam"));
        assertThrows(IllegalArgumentException.class, () -> Qam.parse("bpsk"));
        assertThrows(IllegalArgumentException.class, () -> new Qam(36)); // square, but √M = 6 carries no whole bits
    }
}
