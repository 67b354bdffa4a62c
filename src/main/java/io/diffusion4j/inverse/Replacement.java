package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * The projection (replacement) baseline of score-based inpainting (Song et al. 2021, appendix I.2; "score_sde"
 * inpainting): after each reverse step the measured part of x_s is replaced by the measurement diffused to the same
 * level, y_s = α_s·y + σ_s·A·z with z ~ N(0, I), through the pseudo-inverse:
 * x_s ← x_s + A⁺(y_s − A·x_s). For a mask this sets the observed pixels to y_s and leaves the others alone; for
 * average-pool down-sampling it resets every block mean (ILVR with nearest up-sampling); at the data level it makes
 * A·x = y exactly. Measurement noise σ_y is ignored (it is a baseline). Unknown pixels see the measurement only
 * through the denoiser's next prediction, which is why this is not an exact posterior sampler even for Gaussian
 * data; {@link RePaint}'s resampling closes that gap.
 */
public final class Replacement implements StepProjection {
    private final Measurement measurement;

    public Replacement(Measurement measurement) {
        if (!measurement.operator().hasPseudoInverse()) {
            throw new IllegalArgumentException("replacement needs an operator with a pseudo-inverse (mask, "
                    + "down-sampling, identity), not " + measurement.operator().name() + "; use dps");
        }
        this.measurement = measurement;
    }

    @Override
    public NDArray project(NDArray x, NoiseLevel level, NoiseSource noise) {
        MeasurementOperator a = measurement.operator();
        NDArray y = Planes.local(measurement.y(), x);
        NDArray ys = y.mul(level.alpha());
        if (!level.isData()) {
            NDArray z = noise.normal(x.getManager(), x.getShape()).toType(x.getDataType(), false);
            ys = ys.add(a.apply(z).mul(level.sigma()));
        }
        return x.add(a.pseudoInverse(ys.sub(a.apply(x))));
    }

    /** A sampler that runs {@code base} and replaces after every step. */
    public ProjectedSampler sampler(io.diffusion4j.sampler.SingleStepSampler base) {
        return new ProjectedSampler(base, this, "replace");
    }
}
