package io.diffusion4j.limits;

import java.util.Locale;

/**
 * Bounds on user-given sizes, checked before any allocation. Each limit is generous for real use (T up to 100 000,
 * a batch of 65 536, widths of 65 536, ten million points) and far below what would overflow an {@code int} array
 * or exhaust memory; what a combination of sizes needs is checked by {@link #requireMemory}.
 *
 * <p>Native memory (the engine's tensors: weights, gradients, Adam moments, EMA and activations) is capped at
 * {@link #nativeCap()} bytes: 16 GiB unless {@code -Dd4j.native-memory-gb=N} or {@code D4J_NATIVE_MEMORY_GB=N} says
 * otherwise. Java arrays (data, samples, trajectories) must fit in 80 % of the heap ({@code -Xmx}).
 */
public final class Limits {
    /** Diffusion steps T of a schedule, and sampling steps on it. */
    public static final int MAX_T = 100_000;
    /** Samples per training or sampling batch. */
    public static final int MAX_BATCH = 65_536;
    /** Width of one hidden layer. */
    public static final int MAX_WIDTH = 65_536;
    /** Hidden layers (residual blocks) of an MLP. */
    public static final int MAX_LAYERS = 256;
    /** Points drawn, sampled or read. */
    public static final int MAX_POINTS = 10_000_000;
    /** Training steps of one run. */
    public static final int MAX_TRAIN_STEPS = 100_000_000;
    /** Side of an image a U-Net trains on or a restoration reads. */
    public static final int MAX_IMAGE_SIDE = 1024;
    /** U-Net base width. */
    public static final int MAX_UNET_BASE = 1024;
    /** Images sampled in one command. */
    public static final int MAX_IMAGES = 1_000_000;
    /** Langevin corrector steps per predictor step, posterior samples, RePaint jumps and resamplings. */
    public static final int MAX_REPEATS = 1_000;
    /** Bytes per parameter while training: weights, gradient, two Adam moments and the EMA copy, float32 each. */
    public static final long TRAINING_BYTES_PER_PARAMETER = 5 * 4;
    /** Default cap on native memory in GiB. */
    public static final long DEFAULT_NATIVE_GIB = 16;

    private Limits() {
    }

    /** {@code value} if it lies in [min, max], else a one-line error naming the option and the limit. */
    public static int require(String option, long value, int min, int max) {
        return (int) requireLong(option, value, min, max);
    }

    /** As {@link #require(String, long, int, int)} for counts past the {@code int} range (simulated blocks). */
    public static long requireLong(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be " + range(min, max) + ", got " + value);
        }
        return value;
    }

    /** A finite double in [min, max]. */
    public static double require(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(option + " must be a number in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return ">= " + min;
        }
        return String.format(Locale.ROOT, "between %d and %d (the limit)", min, max);
    }

    /**
     * Refuses a job whose estimate exceeds the memory it may use: {@code heapBytes} of Java arrays against 80 % of the
     * maximum heap, {@code nativeBytes} of engine tensors against {@link #nativeCap()}. {@code what} names the sizes
     * behind the estimate, e.g. "--hidden 65536 with --batch 256".
     */
    public static void requireMemory(String what, double heapBytes, double nativeBytes) {
        double heap = 0.8 * Runtime.getRuntime().maxMemory();
        if (heapBytes > heap) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s of Java heap, more than the"
                    + " %s allowed (80 %% of -Xmx); give smaller sizes or a larger -Xmx", what, bytes(heapBytes), bytes(heap)));
        }
        if (nativeBytes > nativeCap()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs about %s of native memory, more than the"
                    + " %s limit (set D4J_NATIVE_MEMORY_GB to change it); give smaller sizes", what, bytes(nativeBytes),
                    bytes(nativeCap())));
        }
    }

    /** The native-memory cap in bytes. */
    public static long nativeCap() {
        String s = System.getProperty("d4j.native-memory-gb", System.getenv("D4J_NATIVE_MEMORY_GB"));
        long gib = DEFAULT_NATIVE_GIB;
        if (s != null && !s.isBlank()) {
            try {
                gib = Math.max(1, Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("D4J_NATIVE_MEMORY_GB must be a whole number of GiB, got '" + s + "'");
            }
        }
        return gib << 30;
    }

    /** Training memory of a network with {@code parameters} weights and {@code activations} floats per batch. */
    public static double trainingBytes(double parameters, double activations) {
        return parameters * TRAINING_BYTES_PER_PARAMETER + activations * 4.0 * 3;
    }

    static String bytes(double b) {
        return b >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", b / (1L << 30))
                : String.format(Locale.ROOT, "%.0f MiB", Math.ceil(b / (1L << 20)));
    }
}
