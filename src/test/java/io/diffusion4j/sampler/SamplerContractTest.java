package io.diffusion4j.sampler;

import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.SdeGrids;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.VpSde;
import io.diffusion4j.testing.WithManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same checks for every sampler of the toolkit, with no per-class cases. */
class SamplerContractTest extends WithManager {
    private static final Sde VP = VpSde.standard();
    private static final MixtureOracle ORACLE = new MixtureOracle(io.diffusion4j.data.ToyData.GMM8.mixture().orElseThrow());

    /** Every sampler the CLI can name (DDPM and DDIM included), plus variants of their options. */
    private static List<Sampler> samplers() {
        List<Sampler> all = new ArrayList<>();
        SamplerSpec.NAMES.forEach(n -> all.add(SamplerSpec.of(n).build(VP, ReverseVariance.FIXED_SMALL)));
        all.addAll(variants());
        return all;
    }

    private static List<Sampler> variants() {
        return List.of(new DdimSampler(1), new DdpmSampler(ReverseVariance.FIXED_LARGE),new EulerMaruyamaSampler(VP), new ReverseDiffusionSampler(),
                new PredictorCorrectorSampler(new ReverseDiffusionSampler(), new LangevinCorrector(0.16, 2)),
                new PredictorCorrectorSampler(new EulerMaruyamaSampler(VP), new LangevinCorrector(0.16, 1)),
                new ProbabilityFlowSampler(VP, OdeIntegrator.euler()), new ProbabilityFlowSampler(VP, OdeIntegrator.heun()),
                new ProbabilityFlowSampler(VP, OdeIntegrator.dormandPrince(1e-3, 1e-3)),
                new AnnealedLangevinSampler(1e-4, 3), new DpmSolverPlusPlus2M());
    }

    private static float[] run(Sampler s, TimeGrid grid, List<StepListener.Step> steps) {
        try (NDManager m = manager.newSubManager()) {
            NDArray xT = VP.priorSample(m, new Shape(16, 2), new NoiseSource(1));
            NDArray out = s.sample(ORACLE, grid, xT, new NoiseSource(2), steps::add);
            assertEquals(xT.getManager(), out.getManager(), s.name() + ": result must live in xT's manager");
            return out.toFloatArray();
        }
    }

    @Test
    void sameSeedSameBitsAndHonestNfe() {
        TimeGrid grid = SdeGrids.uniform(VP, 6);
        for (Sampler s : samplers()) {
            List<StepListener.Step> steps = new ArrayList<>();
            float[] a = run(s, grid, steps);
            float[] b = run(s, grid, new ArrayList<>());
            assertArrayEquals(a, b, s.name() + ": same seeds, same instance, different bits");
            int reported = steps.get(steps.size() - 1).nfe();
            if (s.nfe(grid) >= 0) {
                assertEquals(s.nfe(grid), reported, s.name() + ": nfe(grid) vs evaluations made");
                assertEquals(grid.steps(), steps.size(), s.name() + ": one listener record per grid step");
            } else {
                assertTrue(reported > 0, s.name());
            }
            for (float v : a) {
                assertTrue(Float.isFinite(v), s.name() + " produced " + v);
            }
        }
    }

    @Test
    void aSingleStepGridIsOneDenoisingStep() {
        TimeGrid grid = SdeGrids.uniform(VP, 1);
        for (Sampler s : samplers()) {
            List<StepListener.Step> steps = new ArrayList<>();
            run(s, grid, steps);
            assertTrue(steps.get(steps.size() - 1).nfe() >= 1, s.name());
        }
    }

    @Test
    void sdeSamplersRejectAGridFromAnotherTimeAxis() {
        TimeGrid discrete = TimeGrid.of(Schedule.linear(1000, 1e-4, 0.02), 10, Spacing.UNIFORM);
        for (Sampler s : List.of(new EulerMaruyamaSampler(VP), new ProbabilityFlowSampler(VP, OdeIntegrator.heun()))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s, discrete, new ArrayList<>()));
            assertTrue(e.getMessage().contains("SdeGrids"), e.getMessage());
        }
    }
}
