package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learned variance (Nichol &amp; Dhariwal 2021, eq. 15) from network output to the DDPM sampler. */
class LearnedVarianceTest {
    private static final GaussianMixture DATA = ToyData.GAUSS.mixture().orElseThrow();
    private static float[] sample(Denoiser model, DdpmSampler sampler, TimeGrid grid) {
        try (NDManager m = Engines.newManager()) {
            NDArray xT = new NoiseSource(1).normal(m, new Shape(50, 2));
            return sampler.sample(model, grid, xT, new NoiseSource(2), StepListener.NONE).toFloatArray();
        }
    }

    /** v = 1 is the fixed-large sampler and v = 0 the fixed-small one, draw for draw, on full and skipped grids. */
    @Test
    void theInterpolationEndsAreTheFixedVariances() {
        Denoiser oracle = new MixtureOracle(DATA);
        Schedule s = Schedule.linear(100, 1e-4, 0.02);
        for (TimeGrid grid : new TimeGrid[] {TimeGrid.full(s), TimeGrid.of(s, 10, Spacing.TRAILING)}) {
            for (double v : new double[] {0, 1}) {
                Denoiser learned = (x, level) -> oracle.predict(x, level).withVarianceFraction(x.onesLike().mul(v));
                ReverseVariance fixed = v == 0 ? ReverseVariance.FIXED_SMALL : ReverseVariance.FIXED_LARGE;
                float[] want = sample(oracle, new DdpmSampler(fixed), grid);
                // a learned variance overrides the sampler's own: ask for the other fixed one
                float[] got = sample(learned, new DdpmSampler(v == 0 ? ReverseVariance.FIXED_LARGE : ReverseVariance.FIXED_SMALL), grid);
                // exp(log β) against √β in float32: a few ulps per step
                assertArrayEquals(want, got, 2e-5f, "v=" + v + " on " + grid.steps() + " steps");
            }
        }
    }

    /** A learned-variance sampler given a prediction without its fraction (a guidance decorator's) samples with β̃. */
    @Test
    void aLearnedVarianceWithoutItsFractionFallsBackOnBetaTilde() {
        Denoiser oracle = new MixtureOracle(DATA);
        TimeGrid grid = TimeGrid.of(Schedule.linear(100, 1e-4, 0.02), 10, Spacing.TRAILING);
        assertArrayEquals(sample(oracle, new DdpmSampler(ReverseVariance.FIXED_SMALL), grid),
                sample(oracle, new DdpmSampler(ReverseVariance.LEARNED), grid));
    }

    @Test
    void theNetworkOutputSplitsIntoMeanAndFraction() {
        MlpSpec spec = new MlpSpec(2, new int[] {16}, 16, 0, 4);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 3)) {
            NDArray x = new NoiseSource(4).normal(m, new Shape(5, 2));
            Schedule s = Schedule.cosine(50, 0.008, 0.999);
            Prediction p = Denoiser.of(net, Parametrization.EPS, ReverseVariance.LEARNED, null).predict(x, s.level(20));
            float[] out = net.forward(x, m.full(new Shape(5), 20f, DataType.FLOAT32), null, false).toFloatArray();
            float[] eps = p.eps().toFloatArray();
            float[] v = p.varianceFraction().toFloatArray();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(out[4 * i + j], eps[2 * i + j], 0f, "ε̂ from the first half");
                    assertEquals(out[4 * i + 2 + j], v[2 * i + j], 0f, "v from the second half");
                }
            }
            assertEquals(4, ReverseVariance.LEARNED.outputChannels(2));
            assertEquals(2, ReverseVariance.FIXED_LARGE.outputChannels(2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LearnedVariance.split(m.zeros(new Shape(3, 5))));
            assertTrue(e.getMessage().contains("even"));
            assertThrows(IllegalArgumentException.class, () -> ReverseVariance.parse("medium"));
        }
    }
}
