package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorsTest {
    private static final Qam QPSK = new Qam(4);
    private static final Qam QAM16 = new Qam(16);

    private static MimoSystem.Transmission use(int nt, int nr, Qam qam, double snrDb, long seed) {
        return new MimoSystem(nt, nr, qam, new RayleighChannel()).transmit(snrDb, new NoiseSource(seed));
    }

    @Test
    void zeroForcingInvertsTheChannelAndRecoversNoiselessSymbols() {
        MimoSystem.Transmission tx = use(3, 5, QAM16, 200, 1);
        LinearDetector zf = LinearDetector.zf(QAM16);
        double[][] wh = Matrices.multiply(zf.filter(tx.observation()), tx.observation().h());
        for (int i = 0; i < wh.length; i++) {
            for (int j = 0; j < wh.length; j++) {
                assertEquals(i == j ? 1 : 0, wh[i][j], 1e-9, "W·H = I");
            }
        }
        assertArrayEquals(tx.levels(), zf.detect(tx.observation(), null));
    }

    @Test
    void mmseOutputSinrMatchesItsClosedForm() {
        MimoSystem.Transmission tx = use(4, 4, QAM16, 8, 2);
        Observation o = tx.observation();
        double[][] w = LinearDetector.mmse(QAM16).filter(o);
        double[][] wh = Matrices.multiply(w, o.h());
        double[] sinr = LinearDetector.mmseSinr(o);
        double es = MimoPower.REAL_SYMBOL_ENERGY;
        for (int k = 0; k < sinr.length; k++) {
            // SINR of output k computed from the filter itself: signal (w_kᵀh_k)²E_s over interference + noise
            double interference = 0;
            for (int j = 0; j < sinr.length; j++) {
                interference += j == k ? 0 : wh[k][j] * wh[k][j] * es;
            }
            double noise = 0;
            for (double v : w[k]) {
                noise += v * v * o.noiseVariance();
            }
            assertEquals(wh[k][k] * wh[k][k] * es / (interference + noise), sinr[k], 1e-9 * (1 + sinr[k]), "stream " + k);
        }
    }

    @Test
    void vblastDetectsTheStrongestStreamFirstAndIsExactWithoutNoise() {
        MimoSystem.Transmission tx = use(4, 6, QAM16, 12, 3);
        int[] order = new int[8];
        new VBlastDetector(QAM16).detectInOrder(tx.observation(), order);
        double[] sinr = LinearDetector.mmseSinr(tx.observation());
        int strongest = 0;
        for (int k = 1; k < sinr.length; k++) {
            strongest = sinr[k] > sinr[strongest] ? k : strongest;
        }
        assertEquals(strongest, order[0]);
        assertEquals(8, java.util.Arrays.stream(order).distinct().count(), "every stream once");
        MimoSystem.Transmission clean = use(4, 4, QAM16, 200, 4);
        assertArrayEquals(clean.levels(), new VBlastDetector(QAM16).detect(clean.observation(), null));
    }

    @Test
    void sphereDecoderEqualsExhaustiveSearch() {
        SerCase[] cases = {new SerCase(2, QPSK, 0), new SerCase(4, QPSK, 0), new SerCase(2, QAM16, 5), new SerCase(4, QAM16, 10)};
        int differ = 0;
        int nontrivial = 0;
        for (SerCase c : cases) {
            SphereDecoder sd = new SphereDecoder(c.qam());
            for (int k = 0; k < (c.n() == 4 && c.qam() == QAM16 ? 15 : 60); k++) {
                Observation o = use(c.n(), c.n(), c.qam(), c.snr(), 100 + k).observation();
                int[] ml = ExhaustiveMl.detect(c.qam(), o);
                int[] got = sd.detect(o, null);
                differ += java.util.Arrays.equals(ml, got) ? 0 : 1;
                // the searches must also beat MMSE somewhere, else the check would not tell ML from MMSE
                nontrivial += java.util.Arrays.equals(ml, LinearDetector.mmse(c.qam()).detect(o, null)) ? 0 : 1;
            }
        }
        assertEquals(0, differ, "sphere decoder decisions that are not the exhaustive ML ones");
        assertTrue(nontrivial > 5, "ML differs from MMSE on " + nontrivial + " uses");
    }

    private record SerCase(int n, Qam qam, double snr) {
    }

    @Test
    void zeroForcingBerMatchesTheRayleighDiversityFormula() {
        // ZF on N_R × N_T i.i.d. Rayleigh: each stream sees L = N_R − N_T + 1 branches of MRC (Winters, Salz &amp; Gitlin
        // 1994), and a Gray-QPSK rail is BPSK at mean bit SNR γ = E_s/(2N_0) = SNR/(2N_T), whose BER is
        // ((1−μ)/2)^L Σ_{l<L} C(L−1+l, l)((1+μ)/2)^l with μ = √(γ/(1+γ)) (Proakis, eq. 14.4-15).
        int nt = 2;
        int nr = 4;
        double snrDb = 6;
        int l = nr - nt + 1;
        double g = MimoPower.fromDb(snrDb) / (2 * nt);
        double mu = Math.sqrt(g / (1 + g));
        double sum = 0;
        for (int i = 0; i < l; i++) {
            sum += binomial(l - 1 + i, i) * Math.pow((1 + mu) / 2, i);
        }
        double expected = Math.pow((1 - mu) / 2, l) * sum;
        SerSimulation sim = new SerSimulation(Long.MAX_VALUE, 30_000);
        SerSimulation.Point p = sim.run(new MimoSystem(nt, nr, QPSK, new RayleighChannel()),
                java.util.List.of(LinearDetector.zf(QPSK)), snrDb, new NoiseSource(5), x -> { }).get(0);
        // the 4 bits of one use share H: SE ≤ √(4·p(1−p)/n_bits) (fully correlated bound); 4 SE
        double se = Math.sqrt(4 * expected * (1 - expected) / p.bits().trials());
        assertEquals(expected, p.bits().rate(), 4 * se, "ZF BER " + p.bits());
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }
}
