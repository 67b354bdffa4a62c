package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.guidance.Dps;
import io.diffusion4j.inverse.Ilvr;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.inverse.Measurement;
import io.diffusion4j.inverse.MeasurementOperator;
import io.diffusion4j.inverse.RePaint;
import io.diffusion4j.inverse.Replacement;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.Spacing;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.sampler.TimeGrid;
import io.diffusion4j.schedule.Schedule;

/**
 * The library entry point behind {@code d4j restore}: degrade a clean image as the task says, y = A·x + σ_y·n, and
 * draw K samples of p(x | y) with the chosen method and a prior denoiser over images (C, H, W). All methods use
 * ancestral DDPM steps (β̃) on a uniform grid: DPS as a decorator over the prior, replacement and ILVR as projected
 * samplers, RePaint with its jump schedule. Randomness: the measurement noise, the initial x_T and the sampler each
 * get their own fork of the spec's seed.
 */
public final class Restoration {
    private Restoration() {
    }

    /**
     * What a restoration produced, all in the caller's manager: the clean input (1, C, H, W), the measurement shown at
     * image size by the operator's trivial inverse (the baseline), K samples (K, C, H, W) and their mean (1, C, H, W).
     */
    public record Result(NDArray input, NDArray measurement, NDArray samples, NDArray mean, String method) {

        /** Input, measurement, the samples and their mean as one batch (K + 3, C, H, W), the order of the CLI's strip. */
        public NDArray strip() {
            return input.concat(measurement).concat(samples).concat(mean);
        }
    }

    /** Restores the clean image (C, H, W), in the prior's data units, with {@code userMask} (null: a centred box). */
    public static Result restore(Denoiser prior, Schedule schedule, NDArray image, Mask userMask, RestoreSpec spec) {
        Shape shape = image.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("expected one image (C, H, W), got shape " + shape);
        }
        if (spec.steps() > schedule.T()) {
            throw new IllegalArgumentException("--steps must be in 1.." + schedule.T() + ", got " + spec.steps());
        }
        MeasurementOperator op = spec.operator(shape, userMask);
        NDManager parent = image.getManager();
        NoiseSource noise = new NoiseSource(spec.seed());
        int k = spec.samples();
        try (NDManager m = parent.newSubManager()) {
            NDArray x = image.expandDims(0);
            x.attach(m);
            Measurement one = Measurement.simulate(op, x, spec.sigmaY(), noise.fork(1));
            Measurement batch = new Measurement(op, one.y().repeat(0, k), spec.sigmaY());
            TimeGrid grid = TimeGrid.of(schedule, spec.steps(), Spacing.UNIFORM);
            NDArray xT = noise.fork(2).normal(m, new Shape(k).addAll(shape)).toType(image.getDataType(), false);
            Sampler sampler = sampler(spec, batch);
            Denoiser model = spec.method() == Task.Method.DPS ? new Dps(prior, batch, spec.zeta(), grid) : prior;
            NDArray samples = sampler.sample(model, grid, xT, noise.fork(3), StepListener.NONE);
            Result r = new Result(x, op.naiveInverse(one.y()), samples, samples.mean(new int[] {0}, true),
                    sampler.name() + (spec.method() == Task.Method.DPS ? "+dps(ζ=" + spec.zeta() + ")" : ""));
            for (NDArray a : new NDArray[] {r.input(), r.measurement(), r.samples(), r.mean()}) {
                a.attach(parent);
            }
            return r;
        }
    }

    private static Sampler sampler(RestoreSpec spec, Measurement m) {
        DdpmSampler ddpm = new DdpmSampler(DdpmSampler.Variance.SMALL);
        return switch (spec.method()) {
            case DPS -> ddpm;
            case REPLACE -> new Replacement(m).sampler(ddpm);
            case ILVR -> Ilvr.forMeasurement(m).sampler(ddpm);
            case REPAINT -> new RePaint(ddpm, new Replacement(m), spec.jumpLength(), spec.resamplings());
            case SR3 -> throw new IllegalArgumentException("method sr3 needs a run trained for super-resolution "
                    + "(a U-Net conditioned on the up-sampled image), which this version cannot train yet; use dps, "
                    + "ilvr or replace");
        };
    }
}
