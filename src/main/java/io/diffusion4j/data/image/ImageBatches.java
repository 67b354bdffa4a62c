package io.diffusion4j.data.image;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.data.BatchSource;

/**
 * Training batches drawn uniformly with replacement from an {@link ImageSet}: x₀ of shape (B, C, H, W) in [−1, 1]
 * and, when the set is labelled and {@code withLabels} holds, the labels as a float (B) condition.
 */
public record ImageBatches(ImageSet images, boolean withLabels) implements BatchSource {

    public ImageBatches {
        if (withLabels && images.labels() == null) {
            throw new IllegalArgumentException("class-conditional training needs labelled images (sub-folders per class)");
        }
    }

    @Override
    public Batch next(NDManager manager, int batchSize, NoiseSource noise) {
        int d = images.imageSize();
        float[] x = new float[batchSize * d];
        float[] y = withLabels ? new float[batchSize] : null;
        for (int i = 0; i < batchSize; i++) {
            int k = noise.nextInt(0, images.n() - 1);
            System.arraycopy(images.pixels(), k * d, x, i * d, d);
            if (y != null) {
                y[i] = images.labels()[k];
            }
        }
        return new Batch(manager.create(x, new Shape(batchSize, images.channels(), images.height(), images.width())),
                y == null ? null : manager.create(y));
    }
}
