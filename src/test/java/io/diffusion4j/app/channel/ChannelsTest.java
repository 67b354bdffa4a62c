package io.diffusion4j.app.channel;

import io.diffusion4j.metrics.ErrorCount;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monte-Carlo error rates of the mappers and decoders on the true channels against their closed forms. Each
 * tolerance is 4.5 binomial standard deviations √(p(1−p)/N) of the estimate (a false alarm about once in 10⁵ runs).
 */
class ChannelsTest {
    private static NDManager manager;
    private static final Consumer<ErrorCount> QUIET = c -> {
    };

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static void assertRate(double expected, ErrorCount c) {
        double tol = 4.5 * Math.sqrt(expected * (1 - expected) / c.trials());
        assertEquals(expected, c.rate(), tol, "Monte-Carlo rate over " + c.trials() + " trials");
    }

    private static ErrorCount simulate(Transceiver tx, Channel ch, long blocks, long seed) {
        return new ErrorRateSimulation(Long.MAX_VALUE, blocks, 200_000).run(tx, ch, manager, new NoiseSource(seed), QUIET);
    }

    @Test
    void bpskOnAwgnMatchesQ() {
        double sigma = PowerConvention.noiseStd(6, 2, 1);
        assertRate(ErrorRates.bpskBer(6), simulate(Constellation.bpsk(), new AwgnChannel(sigma), 2_000_000, 1));
    }

    @Test
    void qam16OnAwgnMatchesTheClosedForm() {
        double sigma = PowerConvention.noiseStd(5, 16, 2);
        assertRate(ErrorRates.qam16Ser(5), simulate(Constellation.qam16(), new AwgnChannel(sigma), 400_000, 2));
    }

    @Test
    void hammingHardDecodingMatchesTheBinomialFormula() {
        double sigma = PowerConvention.noiseStd(5, 16, 7);
        assertRate(ErrorRates.hamming74HardBler(5), simulate(new Hamming74(), new AwgnChannel(sigma), 600_000, 3));
    }

    @Test
    void hammingSoftMlMatchesTheReferenceCurve() {
        // Reference 3.563e-3 at 5 dB from an independent numpy run of 4·10⁶ blocks (14 253 errors, ±0.8 %); the
        // issue quotes ≈ 3.57e-3. Soft ML must also beat hard decoding by far.
        double sigma = PowerConvention.noiseStd(5, 16, 7);
        ErrorCount soft = simulate(Constellation.hamming74(), new AwgnChannel(sigma), 1_000_000, 4);
        assertRate(3.563e-3, soft);
        assertTrue(soft.upper() < ErrorRates.hamming74HardBler(5) / 3);
    }

    @Test
    void bpskOnRayleighMatchesTheFadingFormula() {
        double sigma = PowerConvention.noiseStd(10, 2, 1);
        assertRate(ErrorRates.rayleighBpskBer(10), simulate(Constellation.bpsk(), new RayleighChannel(sigma, false, false), 600_000, 5));
        assertRate(ErrorRates.rayleighBpskBer(10), simulate(Constellation.bpsk(), new RayleighChannel(sigma, true, false), 600_000, 6));
    }

    @Test
    void rayleighGainHasUnitPowerAndIsSharedWithinABlock() {
        int b = 100_000;
        NDArray ones = manager.ones(new Shape(b, 3));
        float[] y = new RayleighChannel(0, false, false).transmit(ones, new NoiseSource(7)).toFloatArray();
        double sum = 0;
        for (int i = 0; i < b; i++) {
            assertEquals(y[3 * i], y[3 * i + 2], 0, "one gain per codeword");
            sum += y[3 * i] * y[3 * i];
        }
        assertEquals(1, sum / b, 4.5 * 1 / Math.sqrt(b)); // h² ~ Exp(1): variance 1
        float[] eq = new RayleighChannel(0, true, false).transmit(ones, new NoiseSource(7)).toFloatArray();
        for (float v : eq) {
            assertEquals(1f, v, 1e-5f, "perfect-CSI equalisation undoes the gain");
        }
    }

    @Test
    void sspaFollowsRappOnAmplitudeAndKeepsPhase() {
        SspaChannel pa = SspaChannel.rapp(0);
        float[] in = {0.1f, 0f, 0.3f, 0.4f, 3f, -4f, 0.2f, -0.05f, 0.6f};
        // pairs (0.1, 0), (0.3, 0.4), (3, −4), (0.2, −0.05), and the odd last dimension 0.6 alone
        NDArray x = manager.create(in, new Shape(1, 9));
        float[] out = pa.transmit(x, new NoiseSource(0)).toFloatArray();
        for (int k = 0; k < 5; k++) {
            double xi = in[2 * k];
            double xq = k < 4 ? in[2 * k + 1] : 0;
            double a = Math.hypot(xi, xq);
            double g = 5 * a / Math.pow(1 + Math.pow(5 * a / 1.5, 6), 1.0 / 6);
            assertEquals(g * xi / a, out[2 * k], 1e-5, "I of pair " + k);
            if (k < 4) {
                assertEquals(g * xq / a, out[2 * k + 1], 1e-5, "Q of pair " + k);
            }
        }
        assertEquals(1.5, Math.hypot(out[4], out[5]), 1e-3, "saturates at A₀");
        assertEquals(0.5, ErrorRates.q(0)); // keep the import honest
    }

    @Test
    void awgnAddsNoiseOfTheRequestedStd() {
        int b = 200_000;
        float[] y = new AwgnChannel(0.5).transmit(manager.zeros(new Shape(b, 2)), new NoiseSource(8)).toFloatArray();
        double s2 = 0;
        for (float v : y) {
            s2 += v * v;
        }
        // sample variance of 2b normals: relative sd √(2/(2b))
        assertEquals(0.25, s2 / y.length, 4.5 * 0.25 * Math.sqrt(2.0 / y.length));
    }

    @Test
    void mappersHaveUnitEnergyPerDimension() {
        for (Constellation c : new Constellation[] {Constellation.qam16(), Constellation.bpsk(), Constellation.hamming74()}) {
            double e = 0;
            for (float v : c.points()) {
                e += v * v;
            }
            assertEquals(1, e / c.points().length, 1e-6, c.name());
        }
        NDArray x = manager.create(new float[] {3, 4, 0, 1, 1, 1}, new Shape(2, 3));
        float[] nx = PowerConvention.normalize(x).toFloatArray();
        assertArrayEquals(new float[] {3 * 0.34641016f, 4 * 0.34641016f, 0, 1, 1, 1}, nx, 1e-6f);
    }

    @Test
    void wilsonIntervalMatchesPublishedValues() {
        // Brown, Cai & DasGupta (2001): 0/10 → [0, 0.2775]; 5/10 → [0.2366, 0.7634]
        assertEquals(0, new ErrorCount(0, 10).lower(), 1e-12);
        assertEquals(0.2775, new ErrorCount(0, 10).upper(), 1e-4);
        assertEquals(0.2366, new ErrorCount(5, 10).lower(), 1e-4);
        assertEquals(0.7634, new ErrorCount(5, 10).upper(), 1e-4);
    }

    /**
     * The true channels are differentiated when an encoder trains through them: the gradient of the power
     * normalisation followed by the SSPA survives a garbage collection between forward and backward (no factor is a
     * temporary DJL scalar; {@link io.diffusion4j.tensor.FreedMemory}).
     */
    @Test
    void normalisedSspaGradientSurvivesGarbageCollection() {
        float[] calm = sspaGradient(false);
        float[] stressed = sspaGradient(true);
        for (int k = 0; k < calm.length; k++) {
            assertTrue(Float.isFinite(calm[k]), "gradient " + k);
            assertEquals(calm[k], stressed[k], 0f, "∂Σy/∂x_" + k);
        }
    }

    private static float[] sspaGradient(boolean scribble) {
        try (NDManager sm = manager.newSubManager()) {
            NDArray x = sm.create(new NoiseSource(8).normalFloats(14), new Shape(2, 7));
            x.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = SspaChannel.rapp(0).transmit(PowerConvention.normalize(x), new NoiseSource(9)).sum();
                if (scribble) {
                    io.diffusion4j.tensor.FreedMemory.scribble();
                }
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }
}
