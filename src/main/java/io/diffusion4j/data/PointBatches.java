package io.diffusion4j.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;

/** Batches drawn uniformly with replacement from a fixed point set (already normalised), with optional conditions. */
public record PointBatches(Points points, Points conditions) implements BatchSource {

    public PointBatches(Points points) {
        this(points, null);
    }

    @Override
    public Batch next(NDManager manager, int batchSize, NoiseSource noise) {
        int d = points.d();
        float[] x = new float[batchSize * d];
        float[] c = conditions == null ? null : new float[batchSize * conditions.d()];
        for (int i = 0; i < batchSize; i++) {
            int k = noise.nextInt(0, points.n() - 1);
            System.arraycopy(points.values(), k * d, x, i * d, d);
            if (c != null) {
                System.arraycopy(conditions.values(), k * conditions.d(), c, i * conditions.d(), conditions.d());
            }
        }
        return new Batch(manager.create(x, new Shape(batchSize, d)),
                c == null ? null : manager.create(c, new Shape(batchSize, conditions.d())));
    }
}
