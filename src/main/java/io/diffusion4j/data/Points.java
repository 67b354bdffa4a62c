package io.diffusion4j.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** n points in d dimensions, row-major float32: the exchange type between data sets, metrics and files. */
public record Points(int n, int d, float[] values) {

    public Points {
        if (n < 0 || d < 1 || values.length != (long) n * d) {
            throw new IllegalArgumentException("points: " + values.length + " values are not " + n + "×" + d);
        }
    }

    public static Points of(NDArray a) {
        Shape s = a.getShape();
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("expected a batch of points, got shape " + s);
        }
        int n = (int) s.get(0);
        int d = (int) (s.size() / n);
        return new Points(n, d, a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray());
    }

    public NDArray toNDArray(NDManager manager) {
        return manager.create(values, new Shape(n, d));
    }

    public double get(int i, int j) {
        return values[i * d + j];
    }

    public double[] row(int i) {
        double[] r = new double[d];
        for (int j = 0; j < d; j++) {
            r[j] = values[i * d + j];
        }
        return r;
    }

    /** Rows [from, to). */
    public Points slice(int from, int to) {
        float[] v = new float[(to - from) * d];
        System.arraycopy(values, from * d, v, 0, v.length);
        return new Points(to - from, d, v);
    }
}
