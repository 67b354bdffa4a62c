package io.diffusion4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;

/**
 * The one sampling loop of the toolkit, for points and images, conditional or not, with any sampler. Work is split
 * in batches of at most {@code batch} samples; batch b draws x_T ~ N(0, s²I) (s² = α² + σ² of the grid's first
 * level: 1 for VP, σ_max² for VE) from {@code noise.fork(b)} and its sampler noise from {@code noise.fork(b).fork(1)},
 * so the samples depend only on the seed and the batch size, and two samplers given the same seed start from the
 * same x_T. Memory is scoped per batch.
 */
public final class Generation {
    private Generation() {
    }

    /** The denoiser of one batch, given that batch's labels (B; null when sampling without labels). */
    @FunctionalInterface
    public interface BatchModel {
        Denoiser forBatch(NDArray labels);
    }

    /**
     * n samples of shape {@code shape} (per sample) in the model's units, row after row; {@code labels} holds one
     * label per sample or is null. {@code listener} hears every step of every batch (grid.steps() × ⌈n / batch⌉).
     */
    public static float[] sample(BatchModel model, Sampler sampler, TimeGrid grid, long[] shape, int n, int[] labels,
                                 NoiseSource noise, int batch, StepListener listener) {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels for " + n + " samples");
        }
        long d = new Shape(shape).size();
        float[] out = new float[Math.toIntExact(n * d)];
        double priorStd = Math.hypot(grid.first().alpha(), grid.first().sigma());
        try (NDManager m = io.diffusion4j.tensor.Engines.newManager()) {
            for (int from = 0, b = 0; from < n; from += batch, b++) {
                int size = Math.min(batch, n - from);
                try (NDManager bm = m.newSubManager()) {
                    NDArray y = null;
                    if (labels != null) {
                        float[] f = new float[size];
                        for (int i = 0; i < size; i++) {
                            f[i] = labels[from + i];
                        }
                        y = bm.create(f);
                    }
                    NoiseSource stream = noise.fork(b);
                    NDArray xT = stream.normal(bm, new Shape(size).addAll(new Shape(shape)));
                    if (Math.abs(priorStd - 1) > 1e-9) {   // VP grids start at α² + σ² = 1 up to rounding: keep the bits
                        xT = xT.mul(priorStd);
                    }
                    NDArray x = sampler.sample(model.forBatch(y), grid, xT, stream.fork(1), listener);
                    System.arraycopy(x.toFloatArray(), 0, out, Math.toIntExact(from * d), Math.toIntExact(size * d));
                }
            }
        }
        return out;
    }

    /** n points of dimension {@code dim} from an unconditional model, mapped back to data units by {@code norm}. */
    public static Points sample(Denoiser model, Sampler sampler, TimeGrid grid, Normalization norm, int dim, int n,
                                long seed, int batch, StepListener listener) {
        float[] z = sample(labels -> model, sampler, grid, new long[] {dim}, n, null, new NoiseSource(seed), batch, listener);
        return norm.invert(new Points(n, dim, z));
    }
}
