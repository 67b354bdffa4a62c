package io.diffusion4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.diffusion4j.limits.Limits;

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
        Limits.require("hidden layers", hidden.length, 1, Limits.MAX_LAYERS);
        for (int h : hidden) {
            Limits.require("hidden widths", h, 1, Limits.MAX_WIDTH);
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

    /** The number of weights of {@link MlpDenoiserBlock} for this spec, as a double (a memory estimate never overflows). */
    public double parameterCount() {
        double te = timeEmbedding;
        double p = 2 * (te * te + te) + (dim + condDim + 1.0) * hidden[0];
        double prev = hidden[0];
        for (double h : hidden) {
            p += (prev == h ? 0 : prev * h) + 2 * h + 2 * (h * h + h) + (te + 1) * h;
            prev = h;
        }
        return p + (prev + 1) * outDim;
    }

    /** Floats of activations one sample keeps for the backward pass (about eight per hidden unit). */
    public double activationsPerSample() {
        double a = dim + outDim + 2.0 * timeEmbedding;
        for (int h : hidden) {
            a += 8.0 * h;
        }
        return a;
    }
}
