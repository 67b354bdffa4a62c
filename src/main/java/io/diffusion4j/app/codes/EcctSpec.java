package io.diffusion4j.app.codes;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.diffusion4j.model.NetworkSpec;

/**
 * The ECC transformer of DDECC as a {@link NetworkSpec}, so the core's {@link io.diffusion4j.model.Network} (seeded
 * init, snapshots) and trainer serve it: a code's parity-check matrix H ((n−k)×n) fixes the tokens and the mask,
 * {@code layers} pre-norm encoder layers of width {@code d} with {@code heads} heads. Input NDList(y (B, n),
 * syndrome weight (B)); output the n logits of the multiplicative noise's sign (see {@link EcctBlock}).
 */
public record EcctSpec(int[][] h, int layers, int d, int heads) implements NetworkSpec {
    /** The most layers and the widest model offered. */
    public static final int MAX_LAYERS = 12;
    public static final int MAX_D = 512;

    public EcctSpec {
        if (layers < 1 || layers > MAX_LAYERS || d < 1 || d > MAX_D || heads < 1 || d % heads != 0) {
            throw new IllegalArgumentException("the ECC transformer needs 1.." + MAX_LAYERS + " layers and a width d in 1.." + MAX_D
                    + " divisible by the heads; got " + layers + " layers, d = " + d + ", " + heads + " heads");
        }
    }

    /** Code length n. */
    public int n() {
        return h[0].length;
    }

    /** Parity checks n − k. */
    public int checks() {
        return h.length;
    }

    @Override
    public String type() {
        return "ecc-transformer";
    }

    @Override
    public Block newBlock() {
        return new EcctBlock(this);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        return new Shape[] {new Shape(batch, n()), new Shape(batch)};
    }

    @Override
    public Shape sampleShape(int count) {
        return new Shape(count, n());
    }
}
