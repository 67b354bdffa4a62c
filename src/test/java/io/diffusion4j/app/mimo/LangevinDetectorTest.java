package io.diffusion4j.app.mimo;

import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LangevinDetectorTest {

    @Test
    void smoothedPriorIsTheCoreMixtureAndItsScoreIsTheDerivativeOfItsLogDensity() {
        Qam q = new Qam(16);
        SmoothedQamPrior prior = new SmoothedQamPrior(q);
        for (double sigma : new double[] {1, 0.3, 0.05}) {
            double[][] centres = new double[q.side()][];
            for (int i = 0; i < q.side(); i++) {
                centres[i] = new double[] {q.amplitude(i)};
            }
            GaussianMixture gm = GaussianMixture.isotropic(centres, sigma);
            for (double x = -1.5; x <= 1.5; x += 0.137) {
                assertEquals(gm.logDensity(new double[] {x}), prior.logDensity(x, sigma), 1e-10, "log p at " + x);
                double h = 1e-5 * sigma;
                double fd = (prior.logDensity(x + h, sigma) - prior.logDensity(x - h, sigma)) / (2 * h);
                // central difference error O(h²·p'''), far below 1e-5 relative at these h
                assertEquals(fd, prior.score(x, sigma), 1e-5 * (1 + Math.abs(fd)), "score at " + x + ", sigma " + sigma);
            }
        }
    }

    @Test
    void atHighSnrAldDecidesAsMaximumLikelihood() {
        // 4×4 16-QAM at 24 dB, where ML's SER is ~2e-4: ALD with its default (short) settings disagrees with the sphere
        // decoder on about 2 % of uses (measured: 16 and 23 of 1000 for two seeds). Of 300 uses we allow 12, the mean
        // 6 plus 2.5 binomial sd (√(300·0.02·0.98) = 2.4); MMSE disagrees on far more, so the check can fail
        Qam q = new Qam(16);
        MimoSystem sys = new MimoSystem(4, 4, q, new RayleighChannel());
        LangevinDetector ald = new LangevinDetector(q, AnnealedLangevin.defaults());
        SphereDecoder ml = new SphereDecoder(q);
        LinearDetector mmse = LinearDetector.mmse(q);
        int differ = 0;
        int mmseDiffer = 0;
        for (int k = 0; k < 300; k++) {
            NoiseSource ns = new NoiseSource(11).fork(k);
            Observation o = sys.transmit(24, ns).observation();
            int[] exact = ml.detect(o, null);
            differ += java.util.Arrays.equals(exact, ald.detect(o, ns.fork(99))) ? 0 : 1;
            mmseDiffer += java.util.Arrays.equals(exact, mmse.detect(o, null)) ? 0 : 1;
        }
        assertTrue(differ <= 12, "ALD differs from ML on " + differ + " of 300 uses");
        assertTrue(mmseDiffer >= 40, "the check must be able to fail: MMSE differs from ML on " + mmseDiffer);
    }

    @Test
    void sameSeedSameDecisions() {
        Qam q = new Qam(4);
        Observation o = new MimoSystem(8, 8, q, new RayleighChannel()).transmit(4, new NoiseSource(2)).observation();
        LangevinDetector ald = new LangevinDetector(q, AnnealedLangevin.defaults());
        assertEquals(java.util.Arrays.toString(ald.detect(o, new NoiseSource(5))), java.util.Arrays.toString(ald.detect(o, new NoiseSource(5))));
    }
}
