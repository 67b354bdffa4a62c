package io.diffusion4j.app.channel;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.io.Reports;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.FreedMemory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diffusion channel machinery against the exact denoiser of y | x ~ N(x, σ²I):
 * E[y₀ | y_t] = x + ασ²/(α²σ² + s²)·(y_t − αx). With it, sampling must reproduce the channel, and the core sampler
 * loop must pass gradients to the condition x.
 */
class DiffusionChannelTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Function<NDArray, Denoiser> gaussianOracle(double sigma) {
        return x -> (yt, level) -> {
            double a = level.alpha();
            double s = level.sigma();
            double k = a * sigma * sigma / (a * a * sigma * sigma + s * s);
            return Prediction.fromX0(yt, yt.mul(k).add(x.mul(1 - a * k)), level);
        };
    }

    @Test
    void oracleDdpmPassesTheToyCriteria() {
        double sigma = PowerConvention.noiseStd(5, 16, 2);
        DiffusionChannel ch = DiffusionChannel.ddpm(gaussianOracle(sigma), ChannelToy.defaults(0).config().schedule().build(),
                ReverseVariance.FIXED_LARGE);
        ToyReport r = ChannelToy.evaluate(ch, "ddpm", sigma, 5, 20_000, manager, new NoiseSource(1));
        assertTrue(r.pass(), () -> Reports.toJson(r.summary()));
        // with 20 000 samples the residual std is known to ±0.5 % (1 sd), the SER to ±0.0026
        assertEquals(ErrorRates.qam16Ser(5), r.ser().rate(), 0.012);
        assertTrue(r.swd() < 2 * r.swdFloor() + 0.01, () -> "swd " + r.swd() + " floor " + r.swdFloor());
    }

    /**
     * With the exact denoiser every sampler step is linear, so the residual std after sampling follows a closed-form
     * variance recursion. Expected values from an independent Python recursion over the β formulas (start
     * N(0, 1), x̂₀ = x + k(y_t − αx), DDPM/DDIM coefficients written out): the coarse T = 100 steps shrink σ.
     */
    @Test
    void samplersUnderDisperseExactlyAsTheVarianceRecursionSays() {
        double toy = 0.28117066259517454;
        Schedule constant = DiffusionChannelConfig.tutorial(2).schedule().build();
        Schedule zt = DiffusionChannelConfig.journal(2).schedule().build();
        assertResidualStd(0.2026, DiffusionChannel.ddpm(gaussianOracle(toy), constant, ReverseVariance.FIXED_SMALL), toy);
        assertResidualStd(0.2386, DiffusionChannel.ddpm(gaussianOracle(toy), constant, ReverseVariance.FIXED_LARGE), toy);
        assertResidualStd(0.2858, DiffusionChannel.ddpm(gaussianOracle(toy), zt, ReverseVariance.FIXED_LARGE), toy);
        double coding = PowerConvention.noiseStd(5, 16, 7);
        assertResidualStd(0.4516, DiffusionChannel.ddim(gaussianOracle(coding), zt, 10), coding);
        assertResidualStd(0.4877, DiffusionChannel.ddim(gaussianOracle(coding), zt, 20), coding);
        // DPM-Solver++(2M) on the same grids (the recursion with D = (1 + 1/2r)·x̂₀ − x̂₀_prev/2r): 0.956·σ and 0.998·σ
        assertResidualStd(0.5028, ChannelSampler.DPM_SOLVER_2M.channel(gaussianOracle(coding), zt, 10), coding);
        assertResidualStd(0.5249, ChannelSampler.DPM_SOLVER_2M.channel(gaussianOracle(coding), zt, 20), coding);
    }

    private static void assertResidualStd(double expected, DiffusionChannel ch, double sigma) {
        int count = 10_000;
        ToyReport r = ChannelToy.evaluate(ch, ch.name(), sigma, 5, count, manager, new NoiseSource(2));
        for (int j = 0; j < 2; j++) {
            // sample std of `count` normals: relative sd 1/√(2·count); plus 5e-4 for the 4-digit expected values
            assertEquals(expected, r.residualStd()[j], 4.5 * expected / Math.sqrt(2 * count) + 5e-4, ch.name());
            assertEquals(0, r.residualMean()[j], 4.5 * expected / Math.sqrt(count), ch.name());
        }
    }

    @Test
    void gradientOfTheDdimChainIsTheIdentityForTheExactModel() {
        for (ChannelSampler sampler : ChannelSampler.values()) {
            assertIdentityGradient(sampler);
        }
    }

    private static void assertIdentityGradient(ChannelSampler sampler) {
        // With zero terminal SNR the chain commutes with shifting x, so ∂y/∂x = I exactly, whatever the step count.
        Schedule s = ScheduleSpec.of("cosine", 100).withZeroTerminalSnr(true).build();
        DiffusionChannel ch = sampler.channel(gaussianOracle(0.5), s, 10);
        NDArray x = new NoiseSource(3).normal(manager, new Shape(8, 3));
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(ch.transmit(x, new NoiseSource(4)).sum());
        }
        for (float g : x.getGradient().toFloatArray()) {
            assertEquals(1f, g, 1e-4f, sampler.name());
        }
    }

    private static final DiffusionChannelConfig SMALL = DiffusionChannelConfig.journal(3);

    /** A small frozen v-prediction network over n = 3 (random weights: the chain's calculus does not need training). */
    private static Function<NDArray, Denoiser> smallNetwork() {
        Network net = Network.create(new MlpSpec(3, new int[] {16, 16}, 16, 3, 3), manager, 5);
        net.block().freezeParameters(true);
        return c -> new NetworkDenoiser(net, Parametrization.V, c);
    }

    @Test
    void gradientThroughANetworkChainMatchesFiniteDifferences() {
        DiffusionChannel ch = DiffusionChannel.ddim(smallNetwork(), SMALL.schedule().build(), 10);
        float[] x0 = new NoiseSource(6).normalFloats(6);
        float[] grad = chainGradient(ch, false);
        double h = 1e-2;
        for (int k = 0; k < 6; k++) {
            float[] plus = x0.clone();
            float[] minus = x0.clone();
            plus[k] += (float) h;
            minus[k] -= (float) h;
            double fd = (sum(ch, plus) - sum(ch, minus)) / (2 * h);
            // central differences in float32: error O(h²·f''') + O(ε_f32/h) ≈ 1e-3
            assertEquals(fd, grad[k], 5e-3 + 5e-3 * Math.abs(fd), "∂Σy/∂x_" + k);
        }
    }

    /**
     * The chain's gradient survives a garbage collection between forward and backward with freed native memory
     * refilled with NaN: no step hands autograd a tensor whose memory the step frees (DJL's op(Number) and arrays
     * made from Java values sit on Java direct buffers, freed once their step's manager is closed and collected).
     */
    @Test
    void chainGradientSurvivesGarbageCollectionBeforeBackward() {
        for (ChannelSampler sampler : ChannelSampler.values()) {
            DiffusionChannel ch = sampler.channel(smallNetwork(), SMALL.schedule().build(), 10);
            float[] calm = chainGradient(ch, false);
            float[] stressed = chainGradient(ch, true);
            for (int k = 0; k < calm.length; k++) {
                assertEquals(calm[k], stressed[k], 0f, sampler + ": ∂Σy/∂x_" + k);
            }
        }
    }

    private static float[] chainGradient(DiffusionChannel ch, boolean scribble) {
        try (NDManager sm = manager.newSubManager()) {
            NDArray x = sm.create(new NoiseSource(6).normalFloats(6), new Shape(2, 3));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = ch.transmit(x, new NoiseSource(7)).sum();
                if (scribble) {
                    FreedMemory.scribble();
                }
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    private static double sum(DiffusionChannel ch, float[] x) {
        try (NDManager sm = manager.newSubManager()) {
            return ch.transmit(sm.create(x, new Shape(2, 3)), new NoiseSource(7)).sum().getFloat();
        }
    }
}
