package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Helpers for arrays whose last two axes are an image plane (…, H, W): any leading axes (batch, channels) ride along,
 * so operators serve (B, H, W), (B, C, H, W) and the 1×4×4 "images" of the Gaussian tests alike.
 */
final class Planes {
    private Planes() {
    }

    static int height(Shape s) {
        checkImage(s);
        return (int) s.get(s.dimension() - 2);
    }

    static int width(Shape s) {
        checkImage(s);
        return (int) s.get(s.dimension() - 1);
    }

    static void checkImage(Shape s) {
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("expected images with shape (…, H, W), got " + s);
        }
    }

    /** The shape with its last two axes replaced by h, w. */
    static Shape withPlane(Shape s, long h, long w) {
        long[] d = s.getShape().clone();
        d[d.length - 2] = h;
        d[d.length - 1] = w;
        return new Shape(d);
    }

    /** A constant array of the given values and shape in like's manager and dtype. */
    static NDArray constant(double[] values, Shape shape, NDArray like) {
        NDArray c = like.getManager().create(values, shape);
        return like.getDataType() == c.getDataType() ? c : c.toType(like.getDataType(), false);
    }

    /**
     * A copy of {@code a} (a measurement, a reference image) owned by like's manager, so step-scoped arithmetic with it
     * is freed with the step instead of growing a's manager.
     */
    static NDArray local(NDArray a, NDArray like) {
        NDArray c = a.duplicate();
        c.attach(like.getManager());
        return c.getDataType() == like.getDataType() ? c : c.toType(like.getDataType(), false);
    }
}
