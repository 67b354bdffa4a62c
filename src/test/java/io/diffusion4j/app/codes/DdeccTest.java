package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DDECC's diffusion against hand-computed closed forms: β̄_t and the reverse-step factor, one reverse step with
 * exact (oracle) and with empty noise predictions, the line search's choice of λ; the parity-check mask against H; the
 * decoder leaves zero-syndrome words alone whatever its network says.
 */
class DdeccTest {
    private static final double TOL = 1e-6;

    @Test
    void scheduleAndStepFactorAreTheClosedForms() {
        DdeccProcess p = DdeccProcess.PAPER;
        // β̄_t = 0.01 (t + 1); c_t = √β̄_t · β / (β̄_t + β)
        assertEquals(0.01, p.betaBar(0), 1e-12);
        assertEquals(0.04, p.betaBar(3), 1e-12);
        assertEquals(0.05, p.factor(0), 1e-12);  // 0.1 · 0.01 / 0.02
        assertEquals(0.04, p.factor(3), 1e-12);  // 0.2 · 0.01 / 0.05
        assertEquals(0.03, p.factor(8), 1e-12);  // 0.3 · 0.01 / 0.10
        // a word received at σ sits at the step with β̄_t = σ²: σ = 0.3 is t = 8
        assertEquals(0.3 * 0.3, p.betaBar(8), 1e-12);
    }

    @Test
    void oracleStepCorrectsOneErrorWithTheSmallestSufficientLambda() {
        LinearCode code = Codes.hamming74();
        // codeword 0 (all +1) with bit 0 received at −0.1: syndrome weight = checks of bit 0 = 2
        float[] y = {-0.1f, 1.2f, 0.8f, 1f, 1f, 1f, 1f};
        assertEquals(2, Long.bitCount(code.syndrome(Decoder.slice(y))));
        float[] oracle = {5f, -5f, -5f, -5f, -5f, -5f, -5f}; // exactly bit 0 is flipped: ε̂ = y − x
        int t = 3;                                            // c_3 = 0.04
        int after = DdeccProcess.PAPER.step(code, y, oracle, t);
        // bit 0 turns once −0.1 + λ·0.04·1.1 > 0, i.e. λ > 2.27: λ = 3, the first of the zero-syndrome multipliers
        assertEquals(0, after);
        assertEquals(-0.1 + 3 * 0.04 * 1.1, y[0], TOL);
        assertEquals(1.2 - 3 * 0.04 * 0.2, y[1], TOL);
        assertEquals(0.8 + 3 * 0.04 * 0.2, y[2], TOL);
        assertEquals(1.0, y[3], TOL);
    }

    @Test
    void stepWithoutFlipsPullsEveryWordToItsHardDecision() {
        LinearCode code = Codes.hamming74();
        float[] y = {-0.1f, 1.2f, 0.8f, 1f, 1f, 1f, 1f};
        float[] none = new float[7];
        Arrays.fill(none, -5f); // no bit flipped: ε̂ = y − sign(y); the syndrome cannot change, ties keep λ = 1
        int after = DdeccProcess.PAPER.step(code, y, none, 0); // c_0 = 0.05
        assertEquals(2, after);
        assertEquals(-0.1 - 0.05 * 0.9, y[0], TOL);
        assertEquals(1.2 - 0.05 * 0.2, y[1], TOL);
    }

    @Test
    void parityCheckMaskLetTokensMeetExactlyWhenTheyShareACheck() {
        int[][] h = Codes.hamming74().h();
        int n = 7;
        int m = h.length;
        float[] mask = EcctBlock.maskOf(h);
        int t = n + m;
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                boolean allowed;
                if (i == j) {
                    allowed = true;
                } else if (i < n && j < n) {
                    allowed = false;
                    for (int[] row : h) {
                        allowed |= row[i] == 1 && row[j] == 1;
                    }
                } else if (i < n) {
                    allowed = h[j - n][i] == 1;
                } else if (j < n) {
                    allowed = h[i - n][j] == 1;
                } else {
                    allowed = false; // two different checks
                }
                assertEquals(allowed ? 0f : -1e9f, mask[i * t + j], "tokens " + i + ", " + j);
            }
        }
    }

    @Test
    void decoderLeavesCodewordsAloneAndEveryDecisionComesFromItsFinalWord() {
        LinearCode code = BchCode.bch31x16();
        int n = code.n();
        int blocks = 64;
        try (NDManager m = Engines.newManager()) {
            Network net = Network.create(new EcctSpec(code.h(), 1, 16, 4), m, 3); // untrained: arbitrary logits
            DdeccDecoder dec = new DdeccDecoder(code, net, DdeccProcess.PAPER, 16);
            int[] sent = CodeBerSimulation.codewords(code, blocks, new NoiseSource(11));
            float[] clean = new AwgnBpsk(40, code.rate()).transmit(sent, new NoiseSource(12)); // σ ≈ 0.014: no sign errors
            assertArrayEquals(sent, dec.decode(clean, blocks, 0.014));
            float[] noisy = new AwgnBpsk(2, code.rate()).transmit(sent, new NoiseSource(13));
            int[] decided = dec.decode(noisy, blocks, 0.5);
            int[] sliced = Decoder.slice(noisy);
            for (int b = 0; b < blocks; b++) {
                int[] in = Arrays.copyOfRange(sliced, b * n, (b + 1) * n);
                if (code.syndrome(in) == 0) {
                    assertArrayEquals(in, Arrays.copyOfRange(decided, b * n, (b + 1) * n), "block " + b + " had a zero syndrome");
                }
            }
            assertEquals(blocks * n, decided.length);
            assertTrue(Arrays.stream(decided).allMatch(v -> v == 0 || v == 1));
        }
    }

    @Test
    void trainingTargetsAreTheSignsOfTheMultiplicativeNoise() {
        LinearCode code = Codes.hamming74();
        DdeccTraining tr = new DdeccTraining(1, 1, 1e-3, 3, 7, 1);
        try (NDManager m = Engines.newManager()) {
            var batch = tr.batches(code, DdeccProcess.PAPER).next(m, 400, new NoiseSource(14));
            float[] y = batch.x0().toFloatArray();
            float[] target = batch.condition().toFloatArray();
            double evenVar = 0;
            double oddVar = 0;
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i] < 0 ? 1f : 0f, target[i], "the all-zero codeword is sent: a flip is y < 0");
                double d = (y[i] - 1) * (y[i] - 1);
                if (i / 7 % 2 == 0) {
                    evenVar += d;
                } else {
                    oddVar += d;
                }
            }
            evenVar /= y.length / 2.0;
            oddVar /= y.length / 2.0;
            // even rows: σ² = 1/(2R·Eb/N0) between 7 dB (0.175) and 3 dB (0.439); odd rows: mean β̄_t over t = 0..7 = 0.045.
            // 1400 squared normals per half: relative SE ≈ sqrt(2/1400) ≈ 4 %, plus the spread of σ² across rows; 25 % margins
            assertTrue(evenVar > 0.175 && evenVar < 0.439, "channel half " + evenVar);
            assertEquals(0.045, oddVar, 0.25 * 0.045, "forward-process half " + oddVar);
        }
    }
}
