package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;

/**
 * An inverse problem's data: y = A·x₀ + σ_y·n with n ~ N(0, I). The measurement y is owned by the caller; methods
 * that use it copy what they need into each step's manager.
 *
 * @param operator the forward operator A
 * @param y        the measurement, of shape A's {@link MeasurementOperator#measurementShape}
 * @param sigmaY   the noise standard deviation σ_y ≥ 0 (in the data's units, e.g. of pixels in [−1, 1])
 */
public record Measurement(MeasurementOperator operator, NDArray y, double sigmaY) {

    public Measurement {
        checkSigmaY(sigmaY);
    }

    /** Refuses a negative or non-finite σ_y with a one-line message. */
    public static void checkSigmaY(double sigmaY) {
        if (!(sigmaY >= 0) || !Double.isFinite(sigmaY)) {
            throw new IllegalArgumentException("σ_y must be a finite number ≥ 0, got " + sigmaY
                    + "; use 0 for noiseless measurements");
        }
    }

    /** Simulates y = A·x₀ + σ_y·n for clean images x₀; y lands in x₀'s manager. */
    public static Measurement simulate(MeasurementOperator operator, NDArray x0, double sigmaY, NoiseSource noise) {
        checkSigmaY(sigmaY);
        NDArray clean = operator.apply(x0);
        NDArray y = sigmaY == 0 ? clean
                : clean.add(operator.measurementNoise(noise.normal(x0.getManager(), clean.getShape())
                        .toType(clean.getDataType(), false)).mul(sigmaY));
        return new Measurement(operator, y, sigmaY);
    }

    /** The per-sample residual A·x − y, in x's manager. */
    public NDArray residual(NDArray x) {
        return operator.apply(x).sub(y);
    }

    /** The trivial reconstruction (masked input, up-sampled image, blurred image). */
    public NDArray naiveInverse() {
        return operator.naiveInverse(y);
    }
}
