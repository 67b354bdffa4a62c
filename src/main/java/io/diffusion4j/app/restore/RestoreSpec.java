package io.diffusion4j.app.restore;

import ai.djl.ndarray.types.Shape;
import io.diffusion4j.app.restore.Task.Method;
import io.diffusion4j.inverse.DownSample;
import io.diffusion4j.inverse.GaussianBlur;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.inverse.Measurement;
import io.diffusion4j.inverse.MeasurementOperator;

/**
 * One restoration as data: the task and method, the degradation (factor, blur, σ_y) and the sampler settings.
 * Validated on construction, so a spec that exists can run; {@link #operator} checks it against an image.
 *
 * @param factor      super-resolution factor N (average pooling N×N)
 * @param sigmaY      measurement noise σ_y ≥ 0, in the model's data units
 * @param blurSize    odd blur kernel side
 * @param blurSigma   blur σ in pixels
 * @param samples     posterior samples K ≥ 1
 * @param steps       reverse steps on a uniform grid of the run's schedule
 * @param zeta        DPS step size ζ (Chung et al. 2023, Algorithm 1)
 * @param jumpLength  RePaint jump length j
 * @param resamplings RePaint resamplings r
 */
public record RestoreSpec(Task task, Method method, int factor, double sigmaY, int blurSize, double blurSigma,
                          int samples, int steps, double zeta, int jumpLength, int resamplings, long seed) {

    public RestoreSpec {
        task.check(method);
        Measurement.checkSigmaY(sigmaY);
        if (factor < 1) {
            throw new IllegalArgumentException("--factor must be ≥ 1, got " + factor);
        }
        if (samples < 1 || steps < 1) {
            throw new IllegalArgumentException("--samples and --steps must be ≥ 1, got " + samples + " and " + steps);
        }
        if (!(zeta >= 0)) {
            throw new IllegalArgumentException("--zeta must be ≥ 0, got " + zeta);
        }
        new GaussianBlur(blurSize, blurSigma); // validates the kernel
        if (jumpLength < 1 || resamplings < 1) {
            throw new IllegalArgumentException("--jump and --resample must be ≥ 1, got " + jumpLength + " and " + resamplings);
        }
    }

    /**
     * Defaults: ×4, σ_y = 0.05, blur 9×9 σ = 2, one sample; the papers' step counts (1000 ancestral steps for DPS,
     * ILVR and replacement, 250 for RePaint with j = 10, r = 10, Lugmayr et al. 2022 §5); ζ from the DPS authors'
     * configs in Algorithm 1 units (0.25 for inpainting, 0.15 otherwise; see {@link io.diffusion4j.inverse.Dps}).
     */
    public static RestoreSpec defaults(Task task, Method method) {
        double zeta = task == Task.INPAINT ? 0.25 : 0.15;
        int steps = method == Method.REPAINT ? 250 : 1000;
        return new RestoreSpec(task, method, 4, 0.05, 9, 2.0, 1, steps, zeta, 10, 10, 0);
    }

    /** This spec with another step count. */
    public RestoreSpec withSteps(int newSteps) {
        return new RestoreSpec(task, method, factor, sigmaY, blurSize, blurSigma, samples, newSteps, zeta, jumpLength,
                resamplings, seed);
    }

    /**
     * The measurement operator of this task for images of {@code imageShape} (C, H, W); {@code userMask} (may be
     * null: a centred box) for inpainting. One-line errors when the mask or the factor does not fit the image.
     */
    public MeasurementOperator operator(Shape imageShape, Mask userMask) {
        MeasurementOperator op = switch (task) {
            case INPAINT -> userMask != null ? userMask
                    : Mask.centerBox((int) imageShape.get(imageShape.dimension() - 2), (int) imageShape.get(imageShape.dimension() - 1));
            case DEBLUR -> new GaussianBlur(blurSize, blurSigma);
            case SUPERRES -> new DownSample(factor, DownSample.Upsampling.BICUBIC);
            case DENOISE -> MeasurementOperator.identity();
        };
        op.measurementShape(imageShape);
        return op;
    }
}
