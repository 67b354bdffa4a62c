package io.diffusion4j.noise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * A seeded source of randomness that is passed down explicitly (never a hidden global): same seed, same bits, on
 * any engine, because every draw is made in Java and copied into an NDArray. {@link #fork(long)} derives an
 * independent stream for a named purpose (a training step, a sample batch), so a resumed run replays the exact
 * draws of step k without storing generator state. Not thread-safe; give each thread its own fork.
 */
public final class NoiseSource {
    private final long seed;
    private final SplittableRandom random;

    public NoiseSource(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** An independent stream determined only by this source's seed and {@code key}. */
    public NoiseSource fork(long key) {
        return new NoiseSource(mix(seed, key));
    }

    /** Standard normal draws of the given shape, float32, in {@code manager}. */
    public NDArray normal(NDManager manager, Shape shape) {
        return manager.create(normalFloats(Math.toIntExact(shape.size())), shape);
    }

    /** Rademacher (±1) draws, for Hutchinson trace estimation. */
    public NDArray rademacher(NDManager manager, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextBoolean() ? 1f : -1f;
        }
        return manager.create(v, shape);
    }

    /** Uniform draws on [0, 1) of the given shape, float32 (dequantisation noise). */
    public NDArray uniform(NDManager manager, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextDouble();
        }
        return manager.create(v, shape);
    }

    public float[] normalFloats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    public double nextGaussian() {
        return random.nextGaussian();
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform integer in [lo, hi]. */
    public int nextInt(int lo, int hi) {
        return random.nextInt(lo, hi + 1);
    }

    /** n uniform integers in [lo, hi]. */
    public int[] ints(int n, int lo, int hi) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(lo, hi + 1);
        }
        return v;
    }

    /** The SplitMix64 finaliser over seed and key: a well-spread seed for a derived stream. */
    static long mix(long seed, long key) {
        long z = seed + 0x9E3779B97F4A7C15L * (key + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
