package io.diffusion4j.sampler;

import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.metrics.SlicedWasserstein;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Samplers driven by the exact denoiser must reproduce the data. With n = 4000 a single SWD draw varies by roughly
 * ±30 % of the floor from seed to seed (mode counts fluctuate by ~√(n/8)), so each figure here is the mean over three
 * seeds and is measured against a large reference sample (40,000 points), which leaves only the n-sample noise; the
 * floor is the same mean for independent data draws of size n. Under exact sampling the ratio is 1 ± ~0.15, so the
 * issue's 1.5× bound is more than three standard errors away.
 */
class OracleSamplingTest {
    static final int N = 4000;
    static final int SEEDS = 3;
    static NDManager m;
    static final Schedule LINEAR = ScheduleSpec.of("linear", 1000).build();
    static final SlicedWasserstein SW = new SlicedWasserstein(256, 99);

    @BeforeAll
    static void start() {
        m = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    static Points sample(Denoiser d, Sampler s, TimeGrid grid, long seed) {
        try (NDManager sm = m.newSubManager()) {
            NoiseSource noise = new NoiseSource(seed);
            NDArray x = s.sample(d, grid, noise.normal(sm, new Shape(N, 2)), noise, StepListener.NONE);
            return Points.of(x);
        }
    }

    /** Mean SWD of the sampler over seeds, and the floor, both against a 40k reference. */
    static double[] swdAndFloor(ToyData toy, Sampler s, TimeGrid grid) {
        GaussianMixture mix = toy.mixture().orElseThrow();
        Points reference = mix.sample(40_000, new NoiseSource(1234));
        double swd = 0;
        double floor = 0;
        for (int k = 0; k < SEEDS; k++) {
            swd += SW.distance(sample(new MixtureOracle(mix), s, grid, 100 + k), reference) / SEEDS;
            floor += SW.distance(mix.sample(N, new NoiseSource(500 + k)), reference) / SEEDS;
        }
        return new double[] {swd, floor};
    }

    @ParameterizedTest
    @EnumSource(value = ToyData.class, names = {"GMM8", "GMM25"})
    void ancestralDdpmReproducesTheMixture(ToyData toy) {
        double[] r = swdAndFloor(toy, new DdpmSampler(ReverseVariance.FIXED_SMALL), TimeGrid.full(LINEAR));
        System.out.printf("%s DDPM-1000 oracle: SWD %.4f floor %.4f ratio %.2f%n", toy, r[0], r[1], r[0] / r[1]);
        assertTrue(r[0] < 1.5 * r[1], toy + " DDPM-1000: SWD " + r[0] + " vs floor " + r[1]);
    }

    @ParameterizedTest
    @EnumSource(value = ToyData.class, names = {"GMM8", "GMM25"})
    void ddim50ReproducesTheMixture(ToyData toy) {
        double[] r = swdAndFloor(toy, new DdimSampler(0), TimeGrid.of(LINEAR, 50, Spacing.UNIFORM));
        System.out.printf("%s DDIM-50 oracle: SWD %.4f floor %.4f ratio %.2f%n", toy, r[0], r[1], r[0] / r[1]);
        assertTrue(r[0] < 1.5 * r[1], toy + " DDIM-50: SWD " + r[0] + " vs floor " + r[1]);
    }

    @Test
    void ddimErrorFallsAsStepsGrow() {
        // The same x_T for every step count: η = 0 is deterministic, so only the discretisation changes.
        GaussianMixture mix = ToyData.GMM25.mixture().orElseThrow();
        Points reference = mix.sample(40_000, new NoiseSource(1234));
        double previous = Double.POSITIVE_INFINITY;
        for (int steps : new int[] {10, 20, 50, 100}) {
            double swd = SW.distance(sample(new MixtureOracle(mix), new DdimSampler(0), TimeGrid.of(LINEAR, steps, Spacing.UNIFORM), 7), reference);
            System.out.printf("GMM25 DDIM-%d oracle (same x_T): SWD %.4f%n", steps, swd);
            assertTrue(swd < previous, "DDIM SWD must fall: " + steps + " steps gave " + swd + " after " + previous);
            previous = swd;
        }
    }

    @Test
    void ddimWithEtaZeroIsDeterministicGivenXT() {
        GaussianMixture mix = ToyData.GMM8.mixture().orElseThrow();
        TimeGrid grid = TimeGrid.of(LINEAR, 20, Spacing.UNIFORM);
        try (NDManager sm = m.newSubManager()) {
            NDArray xT = new NoiseSource(1).normal(sm, new Shape(100, 2));
            float[] a = new DdimSampler(0).sample(new MixtureOracle(mix), grid, xT, new NoiseSource(2), StepListener.NONE).toFloatArray();
            float[] b = new DdimSampler(0).sample(new MixtureOracle(mix), grid, xT, new NoiseSource(3), StepListener.NONE).toFloatArray();
            float[] c = new DdimSampler(1).sample(new MixtureOracle(mix), grid, xT, new NoiseSource(3), StepListener.NONE).toFloatArray();
            assertArrayEquals(a, b, "η = 0 must not use the noise source");
            assertFalse(java.util.Arrays.equals(a, c), "η = 1 must be stochastic");
        }
    }

    @Test
    void ddimWithEtaOneOnTheFullGridIsDdpmInDistribution() {
        // Same seeds for both: DDIM(η=1) on 1..T and DDPM with σ² = β̃ are the same chain written two ways
        // (Song et al. 2021, eq. 16), so their sample sets agree to float rounding, far inside the floor.
        GaussianMixture mix = ToyData.GMM8.mixture().orElseThrow();
        TimeGrid full = TimeGrid.full(LINEAR);
        Points a = sample(new MixtureOracle(mix), new DdimSampler(1), full, 42);
        Points b = sample(new MixtureOracle(mix), new DdpmSampler(ReverseVariance.FIXED_SMALL), full, 42);
        double floor = SW.distance(mix.sample(N, new NoiseSource(1)), mix.sample(N, new NoiseSource(2)));
        assertTrue(SW.distance(a, b) < 0.2 * floor, "DDIM(η=1) vs DDPM: " + SW.distance(a, b) + " vs floor " + floor);
    }
}
