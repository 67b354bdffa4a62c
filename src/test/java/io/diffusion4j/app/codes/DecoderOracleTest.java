package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.ErrorRates;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoders against exact answers: exact ML against a brute-force likelihood, ML never beaten in likelihood by
 * another decoder's codeword, syndrome decoding of every pattern of weight <= t, belief propagation on a single flipped
 * bit and, on a cycle-free graph, equal to the exact bitwise MAP; the hard-decision block error rate of Hamming(7,4)
 * against its closed form.
 */
class DecoderOracleTest {

    /** Σ log N(y_j; 1 − 2c_j, σ²) up to a constant, in double precision. */
    private static double logLikelihood(float[] y, int off, int[] c, double sigma) {
        double s = 0;
        for (int j = 0; j < c.length; j++) {
            double d = y[off + j] - (1 - 2 * c[j]);
            s -= d * d / (2 * sigma * sigma);
        }
        return s;
    }

    @Test
    void exhaustiveMlIsTheMostLikelyCodeword() {
        for (LinearCode code : new LinearCode[] {Codes.hamming74(), PolarCode.of(4, 8, PolarCode.DESIGN_EBN0_DB)}) {
            int n = code.n();
            int blocks = 300;
            AwgnBpsk ch = new AwgnBpsk(1.0, code.rate());
            float[] y = ch.transmit(CodeBerSimulation.codewords(code, blocks, new NoiseSource(3)), new NoiseSource(4));
            int[] decided;
            try (NDManager m = Engines.newManager(); ExhaustiveMl ml = new ExhaustiveMl(code, m)) {
                decided = ml.decode(y, blocks, ch.sigma());
            }
            for (int b = 0; b < blocks; b++) {
                double best = Double.NEGATIVE_INFINITY;
                int[] arg = null;
                for (long idx = 0; idx < 1L << code.k(); idx++) {
                    int[] c = code.encodeIndex(idx);
                    double l = logLikelihood(y, b * n, c, ch.sigma());
                    if (l > best) {
                        best = l;
                        arg = c;
                    }
                }
                assertArrayEquals(arg, Arrays.copyOfRange(decided, b * n, (b + 1) * n), code.name() + " block " + b);
            }
        }
    }

    @Test
    void noDecoderFindsAMoreLikelyCodewordThanMl() {
        LinearCode code = BchCode.bch31x16();
        int n = code.n();
        int blocks = 2000;
        AwgnBpsk ch = new AwgnBpsk(2.0, code.rate());
        float[] y = ch.transmit(CodeBerSimulation.codewords(code, blocks, new NoiseSource(5)), new NoiseSource(6));
        int[] ml;
        try (NDManager m = Engines.newManager(); ExhaustiveMl dec = new ExhaustiveMl(code, m)) {
            ml = dec.decode(y, blocks, ch.sigma());
        }
        int compared = 0;
        for (Decoder other : new Decoder[] {new BeliefPropagation(code, 20), new SyndromeDecoder(code)}) {
            int[] d = other.decode(y, blocks, ch.sigma());
            for (int b = 0; b < blocks; b++) {
                int[] mine = Arrays.copyOfRange(d, b * n, (b + 1) * n);
                if (code.syndrome(mine) != 0) {
                    continue; // not a codeword: no likelihood to compare
                }
                compared++;
                double lMl = logLikelihood(y, b * n, Arrays.copyOfRange(ml, b * n, (b + 1) * n), ch.sigma());
                assertTrue(lMl >= logLikelihood(y, b * n, mine, ch.sigma()) - 1e-3, other.name() + " block " + b);
            }
        }
        assertTrue(compared > blocks, "most decisions are codewords: " + compared);
    }

    @Test
    void syndromeDecodingCorrectsEveryPatternUpToT() {
        for (LinearCode code : new LinearCode[] {Codes.hamming74(), BchCode.bch31x16(), BchCode.bch63x51()}) {
            int[] sent = CodeBerSimulation.codewords(code, 1, new NoiseSource(7));
            SyndromeDecoder dec = new SyndromeDecoder(code);
            int[] patterns = {0};
            forEachPattern(code.n(), code.t(), e -> {
                float[] y = new float[code.n()];
                for (int j = 0; j < y.length; j++) {
                    y[j] = (1 - 2 * sent[j]) * (e[j] == 1 ? -1 : 1);
                }
                assertArrayEquals(sent, dec.decode(y, 1, 1.0), code.name());
                patterns[0]++;
            });
            assertEquals(binomialsUpTo(code.n(), code.t()), patterns[0], code.name());
        }
    }

    private static long binomialsUpTo(int n, int t) {
        long sum = 0;
        long c = 1;
        for (int w = 0; w <= t; w++) {
            sum += c;
            c = c * (n - w) / (w + 1);
        }
        return sum;
    }

    private static void forEachPattern(int n, int t, java.util.function.Consumer<int[]> f) {
        for (int w = 0; w <= t; w++) {
            patterns(new int[n], w, 0, f);
        }
    }

    private static void patterns(int[] e, int left, int from, java.util.function.Consumer<int[]> f) {
        if (left == 0) {
            f.accept(e);
            return;
        }
        for (int p = from; p < e.length; p++) {
            e[p] = 1;
            patterns(e, left - 1, p + 1, f);
            e[p] = 0;
        }
    }

    /** The codewords of Hamming(7,4) whose BP decision fails when bit p is flipped to magnitude {@code flipped}. */
    private static java.util.List<Integer> bpFailures(double sigma, float flipped) {
        LinearCode code = Codes.hamming74();
        BeliefPropagation bp = new BeliefPropagation(code, 5);
        java.util.List<Integer> failedBits = new java.util.ArrayList<>();
        for (long m = 0; m < 16; m++) {
            int[] c = code.encodeIndex(m);
            for (int p = 0; p < 7; p++) {
                float[] y = new float[7];
                for (int j = 0; j < 7; j++) {
                    y[j] = 1 - 2 * c[j];
                }
                y[p] = -y[p] * flipped;
                if (!Arrays.equals(c, bp.decode(y, 1, sigma))) {
                    failedBits.add(p);
                }
            }
        }
        return failedBits;
    }

    @Test
    void beliefPropagationCorrectsASingleFlippedBitOfHamming74() {
        // the flipped bit less reliable than the rest (|y| = 0.5 against 1): corrected in all 16 × 7 cases
        for (double sigma : new double[] {0.6, 0.8, 1.0, 1.2}) {
            assertEquals(java.util.List.of(), bpFailures(sigma, 0.5f), "sigma " + sigma);
        }
        assertEquals(java.util.List.of(), bpFailures(1.0, 1f), "equally reliable flip at sigma 1");
        // known behaviour of BP on this loopy graph: with an equally reliable flip and strong LLRs (sigma 0.6) it fails
        // exactly when the flip is d4, the bit in all three checks: its three messages overshoot and the bits sharing two
        // 4-cycles with it turn, although exact bitwise MAP (and ML) correct every such word
        assertEquals(java.util.Collections.nCopies(16, 3), bpFailures(0.6, 1f));
    }

    @Test
    void beliefPropagationOnACycleFreeGraphIsTheExactBitwiseMap() {
        // the single parity-check code of length 6: one check, a tree, so one round of sum-product is exact
        int n = 6;
        int[][] g = new int[n - 1][n];
        for (int i = 0; i < n - 1; i++) {
            g[i][i] = 1;
            g[i][n - 1] = 1;
        }
        LinearCode spc = new LinearCode("spc-6-5", g, Gf2.parityCheckOfSystematic(g), 0);
        BeliefPropagation bp = new BeliefPropagation(spc, 1);
        NoiseSource noise = new NoiseSource(8);
        int disagreeWithSlicing = 0;
        for (int trial = 0; trial < 500; trial++) {
            double[] llr = new double[n];
            for (int j = 0; j < n; j++) {
                llr[j] = 1.0 + 2.0 * noise.nextGaussian();
            }
            int[] map = new int[n];
            for (int v = 0; v < n; v++) {
                double p0 = 0;
                double p1 = 0;
                for (long idx = 0; idx < 1L << spc.k(); idx++) {
                    int[] c = spc.encodeIndex(idx);
                    double w = 0;
                    for (int j = 0; j < n; j++) {
                        w += c[j] == 0 ? llr[j] / 2 : -llr[j] / 2; // log p(y_j | c_j) up to a constant
                    }
                    if (c[v] == 0) {
                        p0 += Math.exp(w);
                    } else {
                        p1 += Math.exp(w);
                    }
                }
                map[v] = p1 > p0 ? 1 : 0;
                disagreeWithSlicing += map[v] != (llr[v] < 0 ? 1 : 0) ? 1 : 0;
            }
            assertArrayEquals(map, bp.decodeLlr(llr), "trial " + trial);
        }
        assertTrue(disagreeWithSlicing > 30, "the MAP must often overrule the channel: " + disagreeWithSlicing);
    }

    @Test
    void hardDecisionBlockErrorRateOfHamming74MatchesItsClosedForm() {
        // a block fails iff >= 2 of its 7 sliced bits are wrong: P = 1 − (1−p)^7 − 7p(1−p)^6, p = Q(1/σ)
        LinearCode code = Codes.hamming74();
        double ebN0 = 3.0;
        double p = ErrorRates.q(1 / new AwgnBpsk(ebN0, code.rate()).sigma());
        double expected = 1 - Math.pow(1 - p, 7) - 7 * p * Math.pow(1 - p, 6);
        long blocks = 40_000;
        CodeBerSimulation.Point pt = new CodeBerSimulation(Long.MAX_VALUE / 4, blocks, 1000)
                .run(code, new SyndromeDecoder(code), ebN0, new NoiseSource(9));
        assertEquals(blocks, pt.blocks().trials());
        double se = Math.sqrt(expected * (1 - expected) / blocks); // binomial SE of the block error rate; 4 SE
        assertEquals(expected, pt.blocks().rate(), 4 * se, "BLER " + pt.blocks().rate() + " vs " + expected);
        assertTrue(pt.bits().rate() < pt.blocks().rate(), "BER counts wrong bits among n");
    }
}
