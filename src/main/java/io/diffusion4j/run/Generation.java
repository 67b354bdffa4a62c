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
 * Draws n samples of point data: x_T ~ N(0, I) from the seed, the sampler over the grid, then the normalisation
 * undone. Work is split in batches of at most {@code batch} rows, each with its own noise stream fork(i), so the
 * result depends only on the seed and the batch size.
 */
public final class Generation {
    private Generation() {
    }

    public static Points sample(Denoiser model, Sampler sampler, TimeGrid grid, Normalization norm, int dim, int n,
                                long seed, int batch, StepListener listener) {
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        NoiseSource root = new NoiseSource(seed);
        float[] out = new float[n * dim];
        try (NDManager m = io.diffusion4j.tensor.Engines.newManager()) {
            for (int start = 0, i = 0; start < n; start += batch, i++) {
                int b = Math.min(batch, n - start);
                try (NDManager bm = m.newSubManager()) {
                    NoiseSource noise = root.fork(i);
                    NDArray xT = noise.normal(bm, new Shape(b, dim)).mul(Math.hypot(grid.first().alpha(), grid.first().sigma()));
                    NDArray x = sampler.sample(model, grid, xT, noise, listener);
                    System.arraycopy(x.toFloatArray(), 0, out, start * dim, b * dim);
                }
            }
        }
        return norm.invert(new Points(n, dim, out));
    }
}
