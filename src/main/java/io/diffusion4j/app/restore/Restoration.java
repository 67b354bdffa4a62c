package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.inverse.Dps;
import io.diffusion4j.inverse.Ilvr;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.inverse.Measurement;
import io.diffusion4j.inverse.MeasurementOperator;
import io.diffusion4j.inverse.RePaint;
import io.diffusion4j.inverse.Replacement;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;

import java.util.function.Function;

/**
 * The library entry point behind {@code d4j restore}: degrade a clean image as the task says, y = A·x + σ_y·n, and
 * draw K samples of p(x | y) with the chosen method and a prior denoiser over images (C, H, W). All methods use
 * ancestral DDPM steps (β̃) on a uniform grid: DPS as a decorator over the prior, replacement and ILVR as projected
 * samplers, RePaint with its jump schedule; SR3 ({@link Sr3}) is a conditional denoiser bound to the measurement and
 * sampled with plain ancestral steps. Randomness: the measurement noise, the initial x_T and the sampler each
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

        /**
         * Input, measurement, the samples and their mean as one batch (K + 3, C, H, W), the order of the CLI's strip;
         * without the input (K + 2) when the measurement was given rather than simulated.
         */
        public NDArray strip() {
            NDArray rest = measurement.concat(samples).concat(mean);
            return input == null ? rest : input.concat(rest);
        }
    }

    /** Restores the clean image (C, H, W), in the prior's data units, with {@code userMask} (null: a centred box). */
    public static Result restore(Denoiser prior, Schedule schedule, NDArray image, Mask userMask, RestoreSpec spec) {
        if (spec.method() == Task.Method.SR3) {
            throw new IllegalArgumentException("method sr3 needs an SR3 model (a U-Net conditioned on the up-sampled"
                    + " image), not an unconditional prior; give an SR3 model directory as --run");
        }
        return restore(m -> prior, schedule, image, userMask, spec, StepListener.NONE);
    }

    /**
     * As {@link #restore(Denoiser, Schedule, NDArray, Mask, RestoreSpec)}, with the model bound to the measurement
     * (K copies of y): the unconditional prior for every method but SR3, which is conditioned on y; {@code listener}
     * hears every sampler step.
     */
    public static Result restore(Function<Measurement, Denoiser> bound, Schedule schedule, NDArray image,
                                 Mask userMask, RestoreSpec spec, StepListener listener) {
        Shape shape = image.getShape();
        if (shape.dimension() != 3) {
            throw new IllegalArgumentException("expected one image (C, H, W), got shape " + shape);
        }
        MeasurementOperator op = spec.operator(shape, userMask);
        NDManager parent = image.getManager();
        NoiseSource noise = new NoiseSource(spec.seed());
        try (NDManager m = parent.newSubManager()) {
            NDArray x = image.expandDims(0);
            x.attach(m);
            Measurement one = Measurement.simulate(op, x, spec.sigmaY(), noise.fork(1));
            return posterior(bound, schedule, x, one, shape, spec, noise, m, listener);
        }
    }

    /** K posterior samples given one measurement, and their mean, attached to the caller's manager with x and y. */
    private static Result posterior(Function<Measurement, Denoiser> bound, Schedule schedule, NDArray x, Measurement one,
                                    Shape shape, RestoreSpec spec, NoiseSource noise, NDManager m, StepListener listener) {
        Measurement batch = new Measurement(one.operator(), one.y().repeat(0, spec.samples()), spec.sigmaY());
        NDArray samples = sample(bound, schedule, batch, shape, spec, noise, m, listener);
        Result r = new Result(x, one.operator().naiveInverse(one.y()), samples, samples.mean(new int[] {0}, true), name(spec, batch));
        NDManager parent = m.getParentManager();
        for (NDArray a : new NDArray[] {r.input(), r.measurement(), r.samples(), r.mean()}) {
            if (a != null) {
                a.attach(parent);
            }
        }
        return r;
    }

    /**
     * Restores an image from a measurement made elsewhere: {@code y} (C, h, w) is the degraded image itself (masked,
     * blurred, down-sampled or noisy, in the prior's data units) and {@code clean} the shape of the image to restore.
     * The result has no input (null); its measurement is y shown at image size.
     */
    public static Result restoreMeasured(Function<Measurement, Denoiser> bound, Schedule schedule, NDArray y, Shape clean,
                                         Mask userMask, RestoreSpec spec, StepListener listener) {
        MeasurementOperator op = spec.operator(clean, userMask);
        try (NDManager m = y.getManager().newSubManager()) {
            NDArray one = y.expandDims(0);
            one.attach(m);
            return posterior(bound, schedule, null, new Measurement(op, one, spec.sigmaY()), clean, spec,
                    new NoiseSource(spec.seed()), m, listener);
        }
    }

    /**
     * One posterior sample for each of N clean images (N, C, H, W), each with its own measurement, in one batch: the
     * evaluation's form. The result's {@code samples} and {@code mean} are both (N, C, H, W), sample i restoring image
     * i; {@code spec.samples()} is ignored.
     */
    public static Result restoreEach(Function<Measurement, Denoiser> bound, Schedule schedule, NDArray images,
                                     Mask userMask, RestoreSpec spec) {
        return restoreEach(bound, schedule, images, userMask, spec, 0);
    }

    /**
     * Posterior draw number {@code draw} (0, 1, …) for each of N images: the measurements are the same for every draw
     * (they come from spec's seed alone), the sampler's noise is draw's own. Draw 0 is {@link #restoreEach(Function,
     * Schedule, NDArray, Mask, RestoreSpec)}.
     */
    public static Result restoreEach(Function<Measurement, Denoiser> bound, Schedule schedule, NDArray images,
                                     Mask userMask, RestoreSpec spec, int draw) {
        if (draw < 0) {
            throw new IllegalArgumentException("draw must be >= 0, got " + draw);
        }
        Shape shape = images.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("expected images (N, C, H, W), got shape " + shape);
        }
        Shape one = shape.slice(1);
        MeasurementOperator op = spec.operator(one, userMask);
        NDManager parent = images.getManager();
        NoiseSource noise = new NoiseSource(spec.seed());
        try (NDManager m = parent.newSubManager()) {
            NDArray x = images.duplicate();
            x.attach(m);
            Measurement batch = Measurement.simulate(op, x, spec.sigmaY(), noise.fork(1));
            NDArray samples = sample(bound, schedule, batch, one, spec, draw == 0 ? noise : noise.fork(100 + draw), m,
                    StepListener.NONE);
            return attached(new Result(x, batch.naiveInverse(), samples, samples, name(spec, batch)), parent);
        }
    }

    /** Draws one sample per row of the measurement batch from x_T ~ N(0, I), on a uniform grid of spec's steps. */
    private static NDArray sample(Function<Measurement, Denoiser> bound, Schedule schedule, Measurement batch,
                                  Shape image, RestoreSpec spec, NoiseSource noise, NDManager m, StepListener listener) {
        if (spec.steps() > schedule.T()) {
            throw new IllegalArgumentException("--steps must be in 1.." + schedule.T() + ", got " + spec.steps());
        }
        long k = batch.y().getShape().get(0);
        TimeGrid grid = TimeGrid.of(schedule, spec.steps(), Spacing.UNIFORM);
        NDArray xT = noise.fork(2).normal(m, new Shape(k).addAll(image)).toType(batch.y().getDataType(), false);
        Sampler sampler = sampler(spec, batch);
        Denoiser prior = bound.apply(batch);
        Denoiser model = spec.method() == Task.Method.DPS ? new Dps(prior, batch, spec.zeta(), grid) : prior;
        return sampler.sample(model, grid, xT, noise.fork(3), listener);
    }

    private static String name(RestoreSpec spec, Measurement batch) {
        return sampler(spec, batch).name() + switch (spec.method()) {
            case DPS -> "+dps(ζ=" + spec.zeta() + ")";
            case SR3 -> "+sr3";
            default -> "";
        };
    }

    private static Result attached(Result r, NDManager parent) {
        for (NDArray a : new NDArray[] {r.input(), r.measurement(), r.samples(), r.mean()}) {
            a.attach(parent);
        }
        return r;
    }

    private static Sampler sampler(RestoreSpec spec, Measurement m) {
        DdpmSampler ddpm = new DdpmSampler(ReverseVariance.FIXED_SMALL);
        return switch (spec.method()) {
            case DPS, SR3 -> ddpm;
            case REPLACE -> new Replacement(m).sampler(ddpm);
            case ILVR -> Ilvr.forMeasurement(m).sampler(ddpm);
            case REPAINT -> new RePaint(ddpm, new Replacement(m), spec.jumpLength(), spec.resamplings());
        };
    }
}
