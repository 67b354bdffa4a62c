package io.diffusion4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.Arrays;

/**
 * Configuration of the image U-Net ({@link UNetBlock}): image channels and size, base width and a channel
 * multiplier per resolution level (each level after the first halves the resolution), residual blocks per level,
 * the levels that get self-attention (0 = full resolution), GroupNorm groups, dropout, and the number of classes for
 * class conditioning (0 = unconditional; otherwise labels 0..classes−1 plus the null class {@code classes}), and the
 * output channels ({@code channels}, or twice as many for a learned variance, Nichol &amp; Dhariwal 2021; 0 in a
 * stored spec written before the field existed reads as {@code channels}).
 * {@code condChannels} &gt; 0 adds an image condition of that many channels at the image's size, concatenated with x
 * along channels before the input convolution (SR3, Saharia et al. 2022, §2.4: the bicubic-up-sampled low-resolution
 * image). Labels and an image condition are not combined.
 * {@code guidanceInput} makes a guidance weight w (B) the fourth input (a guided-distillation student, Meng et al. 2023
 * §4.1: w embedded like the time and added to the time embedding); it needs classes.
 */
public record UNetSpec(int channels, int height, int width, int base, int[] mult, int resBlocks, int[] attentionLevels,
                       int groups, double dropout, int classes, int outChannels, int condChannels,
                       boolean guidanceInput) implements NetworkSpec {

    public UNetSpec {
        outChannels = outChannels == 0 ? channels : outChannels;
        require(outChannels >= 1, "U-Net output channels must be >= 1, got " + outChannels);
        require(channels >= 1 && height >= 1 && width >= 1, "image channels and size must be >= 1");
        require(base >= 2 && base % 2 == 0, "U-Net base width must be even and >= 2, got " + base);
        require(mult != null && mult.length >= 1, "U-Net needs at least one channel multiplier");
        require(resBlocks >= 1, "U-Net needs at least one residual block per level");
        require(groups >= 1, "GroupNorm groups must be >= 1");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(classes >= 0, "classes must be >= 0");
        require(condChannels >= 0, "conditioning channels must be >= 0, got " + condChannels);
        require(classes == 0 || condChannels == 0, "a U-Net takes class labels or an image condition, not both");
        require(!guidanceInput || classes > 0, "a guidance-weight input needs a class-conditional U-Net");
        mult = mult.clone();
        attentionLevels = attentionLevels == null ? new int[0] : attentionLevels.clone();
        for (int m : mult) {
            require(m >= 1 && (base * m) % groups == 0, "channel width " + base * m + " does not split into " + groups + " groups");
        }
        for (int a : attentionLevels) {
            require(a >= 0 && a < mult.length, "attention level " + a + " outside 0.." + (mult.length - 1));
        }
    }

    /** A U-Net without a guidance-weight input. */
    public UNetSpec(int channels, int height, int width, int base, int[] mult, int resBlocks, int[] attentionLevels,
                    int groups, double dropout, int classes, int outChannels, int condChannels) {
        this(channels, height, width, base, mult, resBlocks, attentionLevels, groups, dropout, classes, outChannels,
                condChannels, false);
    }

    /** A U-Net with as many output channels as image channels and no image condition. */
    public UNetSpec(int channels, int height, int width, int base, int[] mult, int resBlocks, int[] attentionLevels,
                    int groups, double dropout, int classes) {
        this(channels, height, width, base, mult, resBlocks, attentionLevels, groups, dropout, classes, channels, 0);
    }

    /**
     * The default Fashion-MNIST-sized net: widths base·(1, 2, 2) for 28 → 14 → 7, two residual blocks per level,
     * attention at the 7×7 level, 8 groups, dropout 0.1.
     */
    public static UNetSpec of(int channels, int height, int width, int base, int classes) {
        return new UNetSpec(channels, height, width, base, new int[] {1, 2, 2}, 2, new int[] {2}, 8, 0.1, classes);
    }

    public UNetSpec withDropout(double d) {
        return new UNetSpec(channels, height, width, base, mult, resBlocks, attentionLevels, groups, d, classes, outChannels,
                condChannels, guidanceInput);
    }

    public UNetSpec withAttentionLevels(int... levels) {
        return new UNetSpec(channels, height, width, base, mult, resBlocks, levels, groups, dropout, classes, outChannels,
                condChannels, guidanceInput);
    }

    public UNetSpec withSize(int h, int w) {
        return new UNetSpec(channels, h, w, base, mult, resBlocks, attentionLevels, groups, dropout, classes, outChannels,
                condChannels, guidanceInput);
    }

    /** The same net with {@code c} output channels (2·channels for a learned variance). */
    public UNetSpec withOutChannels(int c) {
        return new UNetSpec(channels, height, width, base, mult, resBlocks, attentionLevels, groups, dropout, classes, c,
                condChannels, guidanceInput);
    }

    /** This net taking an image condition of {@code c} channels (SR3); 0 removes it. */
    public UNetSpec withCondChannels(int c) {
        return new UNetSpec(channels, height, width, base, mult, resBlocks, attentionLevels, groups, dropout, classes,
                outChannels, c, guidanceInput);
    }

    /** This net taking (or not) a guidance weight w as its fourth input. */
    public UNetSpec withGuidanceInput(boolean g) {
        return new UNetSpec(channels, height, width, base, mult, resBlocks, attentionLevels, groups, dropout, classes,
                outChannels, condChannels, g);
    }

    /** The label of the null class ("no label", for classifier-free guidance); −1 when unconditional. */
    public int nullClass() {
        return classes > 0 ? classes : -1;
    }

    /** Width of the time (and class) embedding: 4·base (Ho et al. 2020). */
    public int embedDim() {
        return 4 * base;
    }

    public boolean attentionAt(int level) {
        return Arrays.stream(attentionLevels).anyMatch(a -> a == level);
    }

    @Override
    public int[] mult() {
        return mult.clone();
    }

    @Override
    public int[] attentionLevels() {
        return attentionLevels.clone();
    }

    @Override
    public String type() {
        return "unet";
    }

    @Override
    public Block newBlock() {
        return new UNetBlock(this);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        Shape x = sampleShape(batch);
        if (condChannels > 0) {
            return new Shape[] {x, new Shape(batch), new Shape(batch, condChannels, height, width)};
        }
        if (guidanceInput) {
            return new Shape[] {x, new Shape(batch), new Shape(batch), new Shape(batch)};
        }
        return classes > 0 ? new Shape[] {x, new Shape(batch), new Shape(batch)} : new Shape[] {x, new Shape(batch)};
    }

    @Override
    public Shape sampleShape(int n) {
        return new Shape(n, channels, height, width);
    }

    /**
     * About how many weights this U-Net has: 180·Σ width² over the levels (two 3×3 convolutions per residual block,
     * down and up paths, embeddings, attention; Ho et al.'s 35.7 M at base 128 × (1, 2, 2, 2) gives 167).
     */
    public double parameterEstimate() {
        double s = 0;
        for (int m : mult) {
            s += (double) base * m * base * m;
        }
        return 180 * s * Math.max(1, resBlocks) / 2.0;
    }

    /** Floats of activations one image keeps for the backward pass: about 40 per pixel per width, summed over levels. */
    public double activationsPerSample() {
        double a = 0;
        double pixels = (double) height * width;
        for (int m : mult) {
            a += 40.0 * pixels * base * m;
            pixels /= 4;
        }
        return a;
    }

    /** Eight images a chunk: a convolutional forward pass repays a thread hand-off many times over. */
    @Override
    public int parallelChunk() {
        return 8;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
