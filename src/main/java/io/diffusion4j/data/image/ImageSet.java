package io.diffusion4j.data.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * n images of one size, channel-first (N, C, H, W), pixels scaled to [−1, 1], with optional integer labels and the
 * names of the classes. The exchange type between image readers, batch sources, metrics and PNG writing.
 *
 * @param labels  class index per image, or null when unlabelled
 * @param classes class names, index = label (empty when unlabelled)
 */
public record ImageSet(int n, int channels, int height, int width, float[] pixels, int[] labels, List<String> classes) {

    public ImageSet {
        if (n < 0 || channels < 1 || height < 1 || width < 1 || pixels.length != (long) n * channels * height * width) {
            throw new IllegalArgumentException("image set: " + pixels.length + " values are not " + n + "×" + channels
                    + "×" + height + "×" + width);
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("image set: " + labels.length + " labels for " + n + " images");
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /** Unlabelled images from an (N, C, H, W) array. */
    public static ImageSet of(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("expected images (N, C, H, W), got shape " + s);
        }
        return new ImageSet((int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3),
                images.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), null, List.of());
    }

    /** Values per image, C·H·W. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The number of classes (0 when unlabelled). */
    public int numClasses() {
        return classes.size();
    }

    /** Pixel byte 0..255 → [−1, 1]. */
    public static float fromByte(int v) {
        return v / 127.5f - 1f;
    }

    /** [−1, 1] → pixel byte 0..255, clipped and rounded. */
    public static int toByte(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    /** All images as one (N, C, H, W) array. */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(pixels, new Shape(n, channels, height, width));
    }

    /** Images [from, to) as an (to − from, C, H, W) array. */
    public NDArray toNDArray(NDManager manager, int from, int to) {
        float[] v = new float[(to - from) * imageSize()];
        System.arraycopy(pixels, from * imageSize(), v, 0, v.length);
        return manager.create(v, new Shape(to - from, channels, height, width));
    }

    /** The images at the given indices, in that order, with their labels. */
    public ImageSet select(int[] indices) {
        int d = imageSize();
        float[] v = new float[indices.length * d];
        int[] l = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * d, v, i * d, d);
            if (l != null) {
                l[i] = labels[indices[i]];
            }
        }
        return new ImageSet(indices.length, channels, height, width, v, l, classes);
    }

    /** The first k images. */
    public ImageSet head(int k) {
        int[] idx = new int[Math.min(k, n)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        return select(idx);
    }

    /** The same images with the given labels and class names. */
    public ImageSet withLabels(int[] newLabels, List<String> names) {
        return new ImageSet(n, channels, height, width, pixels, newLabels, names);
    }

    /** Indices of the images of class k. */
    public int[] indicesOf(int k) {
        if (labels == null) {
            throw new IllegalStateException("the images have no labels");
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> labels[i] == k).toArray();
    }
}
