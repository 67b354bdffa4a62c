package io.diffusion4j.app.codes;

import java.util.ArrayList;
import java.util.List;

/**
 * Narrow-sense primitive binary BCH codes (Bose &amp; Ray-Chaudhuri 1960, Hocquenghem 1959; Lin &amp; Costello,
 * "Error Control Coding", 2nd ed., §6.1): length n = 2^m − 1, designed distance 2t + 1, generator polynomial
 * g(x) = lcm of the minimal polynomials of α, α², …, α^{2t} over GF(2^m), α a root of the primitive polynomial.
 * The generator matrix is systematic [I | P], row i holding x^{n−k+i} mod g(x) in its parity part (§5.2); the
 * columns are the cyclic code's coordinates reordered message-first, which keeps every weight.
 */
public final class BchCode {
    private BchCode() {
    }

    /** BCH(31,16), t = 3, over GF(32) with x⁵ + x² + 1. */
    public static LinearCode bch31x16() {
        return of("bch-31-16", 5, 0b100101, 3);
    }

    /** BCH(63,51), t = 2, over GF(64) with x⁶ + x + 1. */
    public static LinearCode bch63x51() {
        return of("bch-63-51", 6, 0b1000011, 2);
    }

    /** The code of length 2^m − 1 correcting t errors; {@code primitive} holds the primitive polynomial's bits. */
    static LinearCode of(String name, int m, int primitive, int t) {
        int n = (1 << m) - 1;
        int[] exp = new int[2 * n];
        int[] log = new int[n + 1];
        int v = 1;
        for (int i = 0; i < n; i++) {
            exp[i] = v;
            exp[i + n] = v;
            log[v] = i;
            v <<= 1;
            if ((v & (1 << m)) != 0) {
                v ^= primitive;
            }
        }
        // g(x) as a polynomial over GF(2) (bit j = coefficient of x^j): product of distinct minimal polynomials
        long g = 1;
        List<Integer> done = new ArrayList<>();
        for (int i = 1; i <= 2 * t; i++) {
            int leader = cosetLeader(i, n);
            if (done.contains(leader)) {
                continue;
            }
            done.add(leader);
            g = multiply(g, minimalPolynomial(leader, n, exp, log));
        }
        int degree = 63 - Long.numberOfLeadingZeros(g);
        int k = n - degree;
        int[][] gen = new int[k][n];
        for (int i = 0; i < k; i++) {
            gen[i][i] = 1;
            long rem = mod(1L << (degree + i), g, degree);
            for (int j = 0; j < degree; j++) {
                gen[i][k + j] = (int) (rem >>> j & 1);
            }
        }
        return new LinearCode(name, gen, Gf2.parityCheckOfSystematic(gen), t);
    }

    private static int cosetLeader(int i, int n) {
        int best = i;
        int c = i;
        do {
            c = (c * 2) % n;
            best = Math.min(best, c);
        } while (c != i);
        return best;
    }

    /** ∏ (x − α^j) over the cyclotomic coset of i: coefficients in GF(2^m) that come out in {0, 1}. */
    private static long minimalPolynomial(int i, int n, int[] exp, int[] log) {
        int[] poly = {1}; // coefficients in GF(2^m), lowest first
        int c = i;
        do {
            int root = exp[c];
            int[] next = new int[poly.length + 1];
            for (int j = 0; j < poly.length; j++) {
                next[j + 1] ^= poly[j];
                if (poly[j] != 0) {
                    next[j] ^= exp[log[poly[j]] + log[root]];
                }
            }
            poly = next;
            c = (c * 2) % n;
        } while (c != i);
        long bits = 0;
        for (int j = 0; j < poly.length; j++) {
            if (poly[j] > 1) {
                throw new IllegalStateException("minimal polynomial has a coefficient outside GF(2)");
            }
            bits |= (long) poly[j] << j;
        }
        return bits;
    }

    private static long multiply(long a, long b) {
        long out = 0;
        for (int j = 0; j < 64; j++) {
            if ((b >>> j & 1) == 1) {
                out ^= a << j;
            }
        }
        return out;
    }

    private static long mod(long a, long g, int degree) {
        for (int j = 63; j >= degree; j--) {
            if ((a >>> j & 1) == 1) {
                a ^= g << (j - degree);
            }
        }
        return a;
    }
}
