package io.diffusion4j.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpacingTest {

    @ParameterizedTest
    @EnumSource(Spacing.class)
    void everySpacingStartsAtTAndIncreasesStrictly(Spacing spacing) {
        for (int T : new int[] {10, 100, 1000}) {
            for (int S : new int[] {1, 2, 3, 7, 10, 50, T / 2, T}) {
                if (S > T) {
                    continue;
                }
                int[] tau = spacing.timesteps(T, S);
                assertEquals(S, tau.length);
                assertEquals(T, tau[S - 1], spacing + " must start sampling at t = T (T=" + T + ", S=" + S + ")");
                assertTrue(tau[0] >= 1);
                for (int i = 1; i < S; i++) {
                    assertTrue(tau[i] > tau[i - 1], spacing + " not increasing at " + i);
                }
            }
        }
    }

    @Test
    void publishedGrids() {
        // Lin et al. 2024, Table 2 (T = 1000, S = 10), in 1-based indices
        assertArrayEquals(new int[] {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000}, Spacing.TRAILING.timesteps(1000, 10));
        assertArrayEquals(new int[] {1, 112, 223, 334, 445, 556, 667, 778, 889, 1000}, Spacing.UNIFORM.timesteps(1000, 10));
        int[] q = Spacing.QUADRATIC.timesteps(1000, 5);
        assertArrayEquals(new int[] {1, 63, 251, 563, 1000}, q);
    }

    @Test
    void fullGridVisitsEveryIndex() {
        TimeGrid g = TimeGrid.full(ScheduleSpec.of("linear", 50).build());
        assertEquals(50, g.steps());
        for (int i = 0; i < 50; i++) {
            assertEquals(50 - i, g.level(i).time());
        }
        assertTrue(g.level(50).isData());
    }

    @Test
    void badStepCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Spacing.UNIFORM.timesteps(100, 0));
        assertThrows(IllegalArgumentException.class, () -> Spacing.UNIFORM.timesteps(100, 101));
    }
}
