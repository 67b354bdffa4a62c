package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.naming.Names;
import io.diffusion4j.noise.NoiseSource;

import java.util.Arrays;
import java.util.Locale;

/**
 * Inpainting's measurement: A·x = m ⊙ x with a keep-mask m of ones (observed pixels) and zeros (missing pixels), of
 * shape (H, W) (shared by every channel) or (C, H, W). A is an orthogonal projection, so Aᵀ = A⁺ = A, and the
 * measurement keeps the image's shape with zeros where pixels are missing — the "masked input" baseline (mid-grey for
 * data in [−1, 1]).
 */
public final class Mask implements MeasurementOperator {

    /** Which half of the image {@link #half} removes. */
    public enum Side {
        LEFT, RIGHT, TOP, BOTTOM;

        private static final Names<Side> NAMES = Names.of("side",
                Names.entry(LEFT, "left"), Names.entry(RIGHT, "right"), Names.entry(TOP, "top"), Names.entry(BOTTOM, "bottom"));

        public static Side parse(String s) {
            return NAMES.parse(s);
        }
    }

    private final double[] keep;
    private final Shape shape;

    private Mask(double[] keep, Shape shape) {
        this.keep = keep;
        this.shape = shape;
    }

    /**
     * A user mask of shape (H, W) or (C, H, W), 1 = observed, 0 = missing; values in [0, 1] are thresholded at 0.5
     * (a grey-scale PNG mask), anything else is refused.
     */
    public static Mask of(float[] values, Shape shape) {
        if (shape.dimension() < 2 || shape.dimension() > 3 || shape.size() != values.length) {
            throw new IllegalArgumentException("a mask needs shape (H, W) or (C, H, W) matching its " + values.length
                    + " values, got " + shape);
        }
        double[] k = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("mask values must lie in [0, 1] (1 = observed), found " + values[i]);
            }
            k[i] = values[i] >= 0.5f ? 1 : 0;
        }
        return new Mask(k, shape);
    }

    /** An h×w image with the box [top, top+boxH) × [left, left+boxW) missing. */
    public static Mask box(int h, int w, int top, int left, int boxH, int boxW) {
        if (top < 0 || left < 0 || boxH < 1 || boxW < 1 || top + boxH > h || left + boxW > w) {
            throw new IllegalArgumentException("box " + boxH + "×" + boxW + " at (" + top + ", " + left
                    + ") does not fit a " + h + "×" + w + " image");
        }
        double[] k = filled(h, w);
        for (int r = top; r < top + boxH; r++) {
            Arrays.fill(k, r * w + left, r * w + left + boxW, 0);
        }
        return new Mask(k, new Shape(h, w));
    }

    /** A centred box of (about) half the image's side missing, the usual "box inpainting" task. */
    public static Mask centerBox(int h, int w) {
        int bh = Math.max(1, h / 2);
        int bw = Math.max(1, w / 2);
        return box(h, w, (h - bh) / 2, (w - bw) / 2, bh, bw);
    }

    /** Each pixel missing independently with probability {@code missing} (the "random pixels" task). */
    public static Mask randomPixels(int h, int w, double missing, NoiseSource noise) {
        if (!(missing >= 0 && missing <= 1)) {
            throw new IllegalArgumentException("missing fraction must lie in [0, 1], got " + missing);
        }
        double[] k = filled(h, w);
        for (int i = 0; i < k.length; i++) {
            k[i] = noise.nextDouble() < missing ? 0 : 1;
        }
        return new Mask(k, new Shape(h, w));
    }

    /** Half of the image missing, on the given side (rounded down for odd sizes). */
    public static Mask half(int h, int w, Side side) {
        return switch (side) {
            case LEFT -> box(h, w, 0, 0, h, w / 2);
            case RIGHT -> box(h, w, 0, w - w / 2, h, w / 2);
            case TOP -> box(h, w, 0, 0, h / 2, w);
            case BOTTOM -> box(h, w, h - h / 2, 0, h / 2, w);
        };
    }

    private static double[] filled(int h, int w) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + h + "×" + w);
        }
        double[] k = new double[h * w];
        Arrays.fill(k, 1);
        return k;
    }

    /** The mask's shape, (H, W) or (C, H, W). */
    public Shape shape() {
        return shape;
    }

    /** The keep values (1 = observed), row-major. */
    public double[] keep() {
        return keep.clone();
    }

    /** Share of observed entries. */
    public double observedFraction() {
        return Arrays.stream(keep).sum() / keep.length;
    }

    @Override
    public NDArray apply(NDArray x) {
        measurementShape(x.getShape());
        return x.mul(Planes.constant(keep, shape, x));
    }

    @Override
    public NDArray adjoint(NDArray y) {
        return apply(y);
    }

    @Override
    public boolean hasPseudoInverse() {
        return true;
    }

    @Override
    public NDArray pseudoInverse(NDArray y) {
        return apply(y);
    }

    @Override
    public NDArray naiveInverse(NDArray y) {
        return apply(y);
    }

    @Override
    public NDArray measurementNoise(NDArray n) {
        return apply(n);
    }

    @Override
    public Shape measurementShape(Shape imageShape) {
        int k = shape.dimension();
        if (imageShape.dimension() < k || !imageShape.slice(imageShape.dimension() - k).equals(shape)) {
            throw new IllegalArgumentException("mask size " + describe(shape) + " does not match the image "
                    + describe(imageShape) + "; give a mask of the image's size");
        }
        return imageShape;
    }

    private static String describe(Shape s) {
        int n = s.dimension();
        return n < 2 ? s.toString() : s.get(n - 2) + "×" + s.get(n - 1) + (n >= 3 ? " (" + s.get(n - 3) + " channels)" : "");
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "mask(%.0f%% observed)", 100 * observedFraction());
    }
}
