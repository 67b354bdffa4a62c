package io.diffusion4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Configuration of the image classifier ({@link ClassifierBlock}): the encoder half of the U-Net (residual blocks
 * and stride-2 convolutions at widths base·mult), global average pooling to the penultimate features, and a linear
 * layer to the class logits. {@code timeConditioned} adds the U-Net's time embedding to every residual block, for
 * the noisy classifier p_φ(y | x_t, t) of classifier guidance (Dhariwal &amp; Nichol 2021, §4).
 */
public record ClassifierSpec(int channels, int height, int width, int base, int[] mult, int resBlocks, int groups,
                             int classes, boolean timeConditioned) implements NetworkSpec {

    public ClassifierSpec {
        if (channels < 1 || height < 1 || width < 1 || base < 2 || base % 2 != 0 || mult == null || mult.length == 0
                || resBlocks < 1 || groups < 1 || classes < 2) {
            throw new IllegalArgumentException("invalid classifier configuration");
        }
        mult = mult.clone();
        for (int m : mult) {
            if (m < 1 || (base * m) % groups != 0) {
                throw new IllegalArgumentException("classifier width " + base * m + " does not split into " + groups + " groups");
            }
        }
    }

    /** The Fashion-MNIST-sized classifier: widths 32, 64, 128 at 28, 14, 7; 128 penultimate features. */
    public static ClassifierSpec of(int channels, int height, int width, int classes, boolean timeConditioned) {
        return new ClassifierSpec(channels, height, width, 32, new int[] {1, 2, 4}, 1, 8, classes, timeConditioned);
    }

    /** Width of the penultimate features. */
    public int featureDim() {
        return base * mult[mult.length - 1];
    }

    @Override
    public int[] mult() {
        return mult.clone();
    }

    @Override
    public String type() {
        return timeConditioned ? "noisy-classifier" : "classifier";
    }

    @Override
    public Block newBlock() {
        return new ClassifierBlock(this);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        return new Shape[] {sampleShape(batch), new Shape(batch)};
    }

    /** The shape of n inputs (images). */
    @Override
    public Shape sampleShape(int n) {
        return new Shape(n, channels, height, width);
    }

    /** Eight images a chunk: a convolutional forward pass repays a thread hand-off many times over. */
    @Override
    public int parallelChunk() {
        return 8;
    }
}
