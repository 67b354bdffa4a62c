package io.diffusion4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Configuration of the MLP denoiser: data dimension, hidden widths (one residual block each), time-embedding width,
 * condition-vector width (0 for none) and output width (d, or 2d for a learned variance).
 */
public record MlpSpec(int dim, int[] hidden, int timeEmbedding, int condDim, int outDim) implements NetworkSpec {

    public MlpSpec {
        if (dim < 1 || hidden == null || hidden.length == 0 || timeEmbedding < 2 || timeEmbedding % 2 != 0
                || condDim < 0 || outDim < 1) {
            throw new IllegalArgumentException("invalid MLP configuration");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden widths must be >= 1");
            }
        }
        hidden = hidden.clone();
    }

    /** An unconditional ε/x₀/v network for d-dimensional data. */
    public static MlpSpec of(int dim, int... hidden) {
        return new MlpSpec(dim, hidden, 64, 0, dim);
    }

    @Override
    public String type() {
        return "mlp";
    }

    @Override
    public Block newBlock() {
        return new MlpDenoiserBlock(this);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        return condDim > 0
                ? new Shape[] {new Shape(batch, dim), new Shape(batch), new Shape(batch, condDim)}
                : new Shape[] {new Shape(batch, dim), new Shape(batch)};
    }

    @Override
    public Shape sampleShape(int n) {
        return new Shape(n, dim);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
