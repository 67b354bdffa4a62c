package io.diffusion4j.app.channel;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * The learned end-to-end system as a {@link io.diffusion4j.model.NetworkSpec}, so that the core's
 * {@link io.diffusion4j.model.Network} (seeded init, snapshots) and trainer serve it: M messages over n real
 * channel uses (O'Shea &amp; Hoydis 2017, §III-A and Table I; the layer sizes of Kim et al. 2023, §IV).
 */
public record AutoencoderSpec(int messages, int n) implements io.diffusion4j.model.NetworkSpec {

    public AutoencoderSpec {
        PowerConvention.log2(messages);
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
    }

    @Override
    public String type() {
        return "channel-autoencoder";
    }

    @Override
    public Block newBlock() {
        return new AutoencoderBlock(messages, n);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        return new Shape[] {new Shape(batch, messages), new Shape(batch)};
    }

    /** Shape of k channel-input vectors. */
    @Override
    public Shape sampleShape(int k) {
        return new Shape(k, n);
    }
}
