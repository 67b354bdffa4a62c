package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every method frees its per-step arrays: after sampling, only the result is new, and the measurement's manager is untouched. */
class MemoryScopeTest {

    @Test
    void samplingLeavesOnlyTheResultBehind() {
        TimeGrid grid = TimeGrid.of(Schedule.linear(1000, 1e-4, 0.02), 30, Spacing.UNIFORM);
        DdpmSampler ddpm = new DdpmSampler(ReverseVariance.FIXED_SMALL);
        Denoiser oracle = new MixtureOracle(GaussianProblem.prior());
        Shape shape = new Shape(4, 1, 4, 4);
        try (NDManager root = Engines.newManager(); NDManager data = root.newSubManager()) {
            NDArray truth = new NoiseSource(1).normal(data, shape).toType(DataType.FLOAT64, false);
            Mask mask = Mask.centerBox(4, 4);
            Measurement inpaint = Measurement.simulate(mask, truth, 0.1, new NoiseSource(2));
            DownSample pool = new DownSample(2, DownSample.Upsampling.BICUBIC);
            Measurement sr = Measurement.simulate(pool, truth, 0.0, new NoiseSource(3));
            Ilvr ilvr = Ilvr.forMeasurement(sr);
            Object[][] runs = {
                    {new Replacement(inpaint).sampler(ddpm), oracle},
                    {new RePaint(ddpm, new Replacement(inpaint), 5, 2), oracle},
                    {ilvr.sampler(ddpm), oracle},
                    {ddpm, new Dps(oracle, inpaint, 0.1, grid)}};
            int dataArrays = data.getManagedArrays().size();
            for (Object[] run : runs) {
                try (NDManager work = root.newSubManager()) {
                    NDArray xT = new NoiseSource(4).normal(work, shape).toType(DataType.FLOAT64, false);
                    int before = work.getManagedArrays().size();
                    ((Sampler) run[0]).sample((Denoiser) run[1], grid, xT, new NoiseSource(5), StepListener.NONE);
                    assertEquals(before + 1, work.getManagedArrays().size(), run[0] + ": only the result stays");
                }
                assertEquals(dataArrays, data.getManagedArrays().size(), run[0] + ": the measurement's manager does not grow");
            }
        }
    }
}
