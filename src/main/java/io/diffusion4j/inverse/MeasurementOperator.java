package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A linear measurement y = A·x of images (…, H, W), the forward model of an inverse problem y = A·x₀ + σ_y·n.
 * Every operator is written in differentiable NDArray operations (so DPS can differentiate ‖y − A·x̂₀‖² through
 * it) and acts on the last two axes only; results land in the argument's manager. Implementations: {@link Mask}
 * (inpainting), {@link GaussianBlur} (deblurring), {@link DownSample} (super-resolution), {@link #identity()}
 * (denoising).
 */
public interface MeasurementOperator {

    /** A·x. */
    NDArray apply(NDArray x);

    /** Aᵀ·y, the exact adjoint: ⟨A·x, y⟩ = ⟨x, Aᵀ·y⟩. */
    NDArray adjoint(NDArray y);

    /** Whether {@link #pseudoInverse} has a closed form for this operator. */
    default boolean hasPseudoInverse() {
        return false;
    }

    /** A⁺·y (Moore–Penrose), where {@link #hasPseudoInverse()}; projection methods need it. */
    default NDArray pseudoInverse(NDArray y) {
        throw new UnsupportedOperationException(name() + " has no closed-form pseudo-inverse");
    }

    /**
     * The trivial reconstruction every method must beat: the masked input, the up-sampled low-resolution image, the
     * blurred image itself. By default (operators that keep the image's size) the measurement itself.
     */
    default NDArray naiveInverse(NDArray y) {
        return y;
    }

    /**
     * White noise n of the measurement's shape as this operator's measurements carry it: n itself, except that a
     * mask has no measurement (and so no noise) on its missing pixels.
     */
    default NDArray measurementNoise(NDArray n) {
        return n;
    }

    /**
     * The shape of A·x for images of {@code imageShape}; a one-line IllegalArgumentException when A does not fit. By
     * default (operators that keep the image's size) the image's shape, which must have at least two axes.
     */
    default Shape measurementShape(Shape imageShape) {
        Planes.checkImage(imageShape);
        return imageShape;
    }

    /** A short name for reports, e.g. "blur(k=9, σ=2.0)". */
    String name();

    /** A = I, for denoising. */
    static MeasurementOperator identity() {
        return new Identity();
    }

    /** The identity operator (denoising). */
    record Identity() implements MeasurementOperator {

        @Override
        public NDArray apply(NDArray x) {
            return x;
        }

        @Override
        public NDArray adjoint(NDArray y) {
            return y;
        }

        @Override
        public boolean hasPseudoInverse() {
            return true;
        }

        @Override
        public NDArray pseudoInverse(NDArray y) {
            return y;
        }

        @Override
        public String name() {
            return "identity";
        }
    }
}
