package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end system on a problem with a known optimum: M = 4 messages over n = 2 real uses at 5 dB, where the
 * best code is QPSK with SER 2Q(d) − Q(d)² (d = 1/σ, σ = 1/√(2·1·Eb/N0)) = 0.0120.
 */
class AutoencoderTest {
    private static NDManager manager;
    private static final double SIGMA = PowerConvention.noiseStd(5, 4, 2);
    private static final double QPSK = 2 * ErrorRates.q(1 / SIGMA) - Math.pow(ErrorRates.q(1 / SIGMA), 2);

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static double ser(Autoencoder ae, long seed) {
        return new ErrorRateSimulation(Long.MAX_VALUE, 100_000, 50_000)
                .run(ae, new AwgnChannel(SIGMA), manager, new NoiseSource(seed), c -> {
                }).rate();
    }

    @Test
    void encoderMeetsThePowerConvention() {
        Autoencoder ae = Autoencoder.create(16, 7, manager, 1);
        float[] x = ae.encode(new int[] {0, 5, 9, 15}, manager).toFloatArray();
        for (int i = 0; i < 4; i++) {
            double e = 0;
            for (int j = 0; j < 7; j++) {
                e += x[7 * i + j] * x[7 * i + j];
            }
            assertEquals(7, e, 1e-4);
        }
        assertThrows(IllegalArgumentException.class, () -> Autoencoder.create(12, 7, manager, 1));
    }

    @Test
    void learnsQpskThroughTheTrueChannel() {
        Autoencoder ae = Autoencoder.create(4, 2, manager, 2);
        assertTrue(ser(ae, 3) > 0.05, "an untrained code is poor");
        new AutoencoderTraining(600, 256, 1e-2, 0.3, 4).train(ae, new AwgnChannel(SIGMA), TrainListener.NONE);
        // 100 000 blocks: 1 sd of the estimate at 0.012 is 3.4e-4; allow 20 % above the optimum for a short training
        assertEquals(QPSK, ser(ae, 5), 0.2 * QPSK + 4.5 * 3.4e-4);
    }

    @Test
    void learnsQpskThroughTheDdimChainOfAnExactDiffusionModel() {
        Schedule zt = DiffusionChannelConfig.journal(2).schedule().build();
        DiffusionChannel model = DiffusionChannel.ddim(DiffusionChannelTest.gaussianOracle(SIGMA), zt, 10);
        Autoencoder ae = Autoencoder.create(4, 2, manager, 6);
        new AutoencoderTraining(300, 128, 1e-2, 0.3, 7).train(ae, model, TrainListener.NONE);
        assertEquals(QPSK, ser(ae, 8), 0.2 * QPSK + 4.5 * 3.4e-4);
    }
}
