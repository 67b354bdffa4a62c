package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.naming.Names;

import java.util.Locale;

/**
 * Super-resolution's measurement: average pooling of N×N blocks, (…, H, W) → (…, H/N, W/N). Its adjoint spreads each
 * low-resolution pixel over its block divided by N², and its pseudo-inverse is nearest-neighbour up-sampling
 * (A·A⁺ = I), so projection methods are exact on the measured block means. {@link #upsample} gives the trivial
 * baseline and ILVR's φ_N = up∘A: nearest, or bicubic with Keys' kernel (a = −0.5, Keys 1981) on half-pixel centres
 * with replicated borders, written as two small matrices so that it stays differentiable and shape-agnostic.
 *
 * @param factor     N ≥ 1, which must divide H and W
 * @param upsampling the up-sampler of {@link #upsample} and {@link #naiveInverse}
 */
public record DownSample(int factor, Upsampling upsampling) implements MeasurementOperator {

    /** How low-resolution images are brought back to full size. */
    public enum Upsampling {
        NEAREST, BICUBIC;

        private static final Names<Upsampling> NAMES = Names.of("up-sampling",
                Names.entry(NEAREST, "nearest"), Names.entry(BICUBIC, "bicubic"));

        public static Upsampling parse(String s) {
            return NAMES.parse(s);
        }
    }

    public DownSample {
        if (factor < 1) {
            throw new IllegalArgumentException("down-sampling factor must be ≥ 1, got " + factor);
        }
    }

    @Override
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        Shape low = measurementShape(s);
        int n = s.dimension();
        long[] blocks = new long[n + 2];
        for (int i = 0; i < n - 2; i++) {
            blocks[i] = s.get(i);
        }
        blocks[n - 2] = low.get(n - 2);
        blocks[n - 1] = factor;
        blocks[n] = low.get(n - 1);
        blocks[n + 1] = factor;
        return x.reshape(new Shape(blocks)).sum(new int[] {n - 1, n + 1}).div(factor * factor);
    }

    @Override
    public NDArray adjoint(NDArray y) {
        return nearest(y).div(factor * factor);
    }

    @Override
    public boolean hasPseudoInverse() {
        return true;
    }

    @Override
    public NDArray pseudoInverse(NDArray y) {
        return nearest(y);
    }

    @Override
    public NDArray naiveInverse(NDArray y) {
        return upsample(y);
    }

    /** The low-resolution y brought to full size by this operator's up-sampler. */
    public NDArray upsample(NDArray y) {
        if (upsampling == Upsampling.NEAREST) {
            return nearest(y);
        }
        Shape s = y.getShape();
        NDArray alongW = y.matMul(bicubicMatrix(Planes.width(s), y).transpose());
        return alongW.swapAxes(-1, -2).matMul(bicubicMatrix(Planes.height(s), y).transpose()).swapAxes(-1, -2);
    }

    private NDArray nearest(NDArray y) {
        int n = y.getShape().dimension();
        Planes.checkImage(y.getShape());
        return y.repeat(n - 2, factor).repeat(n - 1, factor);
    }

    /** The (N·len × len) bicubic interpolation matrix: row o holds the weights of output o on the input samples. */
    private NDArray bicubicMatrix(int len, NDArray like) {
        int out = len * factor;
        double[] m = new double[out * len];
        for (int o = 0; o < out; o++) {
            double src = (o + 0.5) / factor - 0.5;
            int i0 = (int) Math.floor(src);
            double t = src - i0;
            for (int k = -1; k <= 2; k++) {
                int i = Math.min(len - 1, Math.max(0, i0 + k));
                m[o * len + i] += keys(k - t);
            }
        }
        return Planes.constant(m, new Shape(out, len), like);
    }

    /** Keys' cubic convolution kernel with a = −0.5. */
    private static double keys(double x) {
        double a = -0.5;
        double u = Math.abs(x);
        if (u <= 1) {
            return ((a + 2) * u - (a + 3)) * u * u + 1;
        }
        return u < 2 ? ((a * u - 5 * a) * u + 8 * a) * u - 4 * a : 0;
    }

    @Override
    public Shape measurementShape(Shape imageShape) {
        int h = Planes.height(imageShape);
        int w = Planes.width(imageShape);
        if (h % factor != 0 || w % factor != 0) {
            throw new IllegalArgumentException("factor " + factor + " does not divide the image size " + h + "×" + w
                    + "; use a factor that divides both sides");
        }
        return Planes.withPlane(imageShape, h / factor, w / factor);
    }

    @Override
    public String name() {
        return "downsample(×" + factor + ", " + upsampling.name().toLowerCase(Locale.ROOT) + ")";
    }
}
