package io.diffusion4j.app.codes;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codes against their definitions: G·Hᵀ = 0, full ranks, the generator polynomials of the tables, minimum distances. */
class CodeConstructionTest {

    @Test
    void everyCodeHasOrthogonalFullRankGeneratorAndParityCheck() {
        int[][] sizes = {{7, 4}, {31, 16}, {63, 51}, {64, 32}};
        String[] names = {"hamming-7-4", "bch-31-16", "bch-63-51", "polar-64-32"};
        for (int i = 0; i < names.length; i++) {
            LinearCode c = Codes.named(names[i]);
            assertEquals(names[i], c.name());
            assertEquals(sizes[i][0], c.n(), names[i]);
            assertEquals(sizes[i][1], c.k(), names[i]);
            for (int[] row : Gf2.timesTransposed(c.g(), c.h())) {
                for (int v : row) {
                    assertEquals(0, v, names[i] + ": G·Hᵀ must vanish");
                }
            }
            assertEquals(c.k(), Gf2.rank(c.g()), names[i] + " rank G");
            assertEquals(c.n() - c.k(), Gf2.rank(c.h()), names[i] + " rank H");
        }
        assertThrows(IllegalArgumentException.class, () -> Codes.named("bch-15-7"));
    }

    @Test
    void bchGeneratorPolynomialsAreTheTabulatedOnes() {
        // Lin & Costello, Appendix C (octal): (31,16,t=3) 107657 over x^5+x^2+1, (63,51,t=2) 12471 over x^6+x+1
        // (= 103 · 127, the minimal polynomials of α and α³).
        // Row 0 of the systematic G is x^{n-k} + (x^{n-k} mod g(x)) = g(x) in cyclic coordinates.
        assertEquals(0107657L, generatorPolynomial(BchCode.bch31x16()));
        assertEquals(012471L, generatorPolynomial(BchCode.bch63x51()));
    }

    private static long generatorPolynomial(LinearCode c) {
        int k = c.k();
        long g = 1L << (c.n() - k); // message coordinate 0 is x^{n-k}
        for (int j = 0; j < c.n() - k; j++) {
            g |= (long) c.g()[0][k + j] << j;
        }
        return g;
    }

    @Test
    void minimumDistancesByEnumeration() {
        assertEquals(3, minimumDistance(Codes.hamming74()));
        assertEquals(7, minimumDistance(BchCode.bch31x16()));
        assertEquals(1, Codes.hamming74().t());
        assertEquals(3, BchCode.bch31x16().t());
    }

    @Test
    void bch63x51HasDistanceFiveByItsParityCheckColumns() {
        // d >= 5 iff no 1..4 columns of H sum to zero; d = 5 iff some 5 do (2^51 codewords are too many to list).
        LinearCode c = BchCode.bch63x51();
        int n = c.n();
        long[] col = new long[n];
        for (int j = 0; j < n; j++) {
            for (int r = 0; r < c.h().length; r++) {
                col[j] |= (long) c.h()[r][j] << r;
            }
        }
        Set<Long> singles = new HashSet<>();
        for (long v : col) {
            assertTrue(v != 0 && singles.add(v), "columns nonzero and distinct");
        }
        Set<Long> pairs = new HashSet<>();
        boolean five = false;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                long s = col[a] ^ col[b];
                assertTrue(!singles.contains(s), "no three columns sum to zero");
                assertTrue(pairs.add(s), "no four columns sum to zero");
            }
        }
        for (int a = 0; a < n && !five; a++) {
            for (int b = a + 1; b < n && !five; b++) {
                for (int e = b + 1; e < n && !five; e++) {
                    long s = col[a] ^ col[b] ^ col[e];
                    five = pairs.contains(s) && !singles.contains(s);
                }
            }
        }
        assertTrue(five, "some five columns sum to zero");
        assertEquals(2, c.t());
    }

    @Test
    void polarMinimumDistanceIsTheLightestInformationRow() {
        // Polar(32,16) designed at 4 dB is small enough to enumerate; its d must equal 2^min popcount(info index)
        LinearCode polar = PolarCode.of(5, 16, PolarCode.DESIGN_EBN0_DB);
        int lightest = Integer.MAX_VALUE;
        for (int i : PolarCode.informationSet(5, 16, PolarCode.DESIGN_EBN0_DB)) {
            lightest = Math.min(lightest, 1 << Integer.bitCount(i));
        }
        assertEquals(lightest, minimumDistance(polar));
        assertEquals((lightest - 1) / 2, polar.t());
        // the information set of Polar(64,32) avoids the 32 least reliable channels: index 0 (Z largest) is frozen, 63 is not
        int[] info = PolarCode.informationSet(6, 32, PolarCode.DESIGN_EBN0_DB);
        assertEquals(32, info.length);
        assertEquals(63, info[31]);
        assertTrue(info[0] > 0);
    }

    /** The smallest weight of a nonzero codeword, over all 2^k messages. */
    static int minimumDistance(LinearCode c) {
        long[] rows = new long[c.k()];
        for (int i = 0; i < c.k(); i++) {
            for (int j = 0; j < c.n(); j++) {
                rows[i] |= (long) c.g()[i][j] << j;
            }
        }
        int best = Integer.MAX_VALUE;
        long word = 0;
        for (long m = 1; m < 1L << c.k(); m++) {
            word ^= rows[Long.numberOfTrailingZeros(m)]; // Gray code: one row changes per message
            best = Math.min(best, Long.bitCount(word));
        }
        return best;
    }
}
