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
    @EnumSource(value = Spacing.class, names = "LEADING", mode = EnumSource.Mode.EXCLUDE)
    void everySpacingButLeadingStartsAtTAndIncreasesStrictly(Spacing spacing) {
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

    /** diffusers' leading, np.arange(0, S) * (T // S) (0-based, steps_offset 0), written out for T = 1000. */
    @Test
    void leadingIsDiffusersLeadingPlusOne() {
        int[] s50 = new int[50];
        for (int i = 0; i < 50; i++) {
            s50[i] = i * 20 + 1; // T // S = 20: diffusers 0, 20, …, 980
        }
        assertArrayEquals(s50, Spacing.LEADING.timesteps(1000, 50));
        // T // S = 142: diffusers 0, 142, 284, 426, 568, 710, 852
        assertArrayEquals(new int[] {1, 143, 285, 427, 569, 711, 853}, Spacing.LEADING.timesteps(1000, 7));
        for (int S : new int[] {1, 7, 50, 999}) {
            int[] tau = Spacing.LEADING.timesteps(1000, S);
            assertTrue(tau[S - 1] < 1000, "leading never starts from t = T (S=" + S + ")");
        }
        assertEquals(1000, Spacing.LEADING.timesteps(1000, 1000)[999], "all T steps include t = T");
    }

    /** diffusers' linspace, np.linspace(0, T − 1, S).round(), and trailing, np.round(np.arange(T, 0, −T/S)) − 1. */
    @Test
    void uniformAndTrailingAreDiffusersLinspaceAndTrailingPlusOne() {
        // linspace(0, 999, 7) = 0, 166.5, 333, 499.5, 666, 832.5, 999; numpy rounds halves to even
        assertArrayEquals(new int[] {1, 167, 334, 501, 667, 833, 1000}, Spacing.UNIFORM.timesteps(1000, 7));
        // arange(1000, 0, -62.5) = 1000, 937.5, …, 62.5, rounded to even, then − 1 (diffusers) + 1 (ours)
        int[] t16 = new int[16];
        for (int i = 0; i < 16; i++) {
            t16[15 - i] = (int) Math.rint(1000 - i * 62.5);
        }
        assertArrayEquals(t16, Spacing.TRAILING.timesteps(1000, 16));
        assertEquals(938, t16[14], "937.5 rounds to even");
        int[] u50 = Spacing.UNIFORM.timesteps(1000, 50);
        for (int i = 0; i < 50; i++) {
            assertEquals(1 + Math.rint(i * (999.0 / 49)), u50[i], 0, "index " + i);
        }
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
