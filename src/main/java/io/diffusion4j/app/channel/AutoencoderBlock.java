package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Encoder and decoder of the end-to-end system (O'Shea &amp; Hoydis 2017, §III-A): the encoder maps one-hot(M) →
 * Linear(M, M) → ELU → Linear(M, M) → ELU → Linear(M, n) → power normalisation ‖x‖² = n; the decoder maps y ∈ ℝⁿ →
 * Linear(n, M) → ELU → Linear(M, M) → ELU → Linear(M, M) to logits. The channel sits between {@link #encode} and
 * {@link #decode}; {@code forward} itself is the noiseless pass decode(encode(one-hot)).
 */
public final class AutoencoderBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int messages;
    private final int n;
    private final SequentialBlock encoder;
    private final SequentialBlock decoder;

    public AutoencoderBlock(int messages, int n) {
        super(VERSION);
        this.messages = messages;
        this.n = n;
        encoder = addChildBlock("encoder", mlp(messages, n));
        decoder = addChildBlock("decoder", mlp(messages, messages));
    }

    private static SequentialBlock mlp(int width, int out) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(width).build()).add(Activation.eluBlock(1f))
                .add(Linear.builder().setUnits(width).build()).add(Activation.eluBlock(1f))
                .add(Linear.builder().setUnits(out).build());
    }

    /** Channel inputs (B, n) with ‖x‖² = n for one-hot messages (B, M). */
    public NDArray encode(ParameterStore ps, NDArray oneHot, boolean training) {
        return PowerConvention.normalize(encoder.forward(ps, new NDList(oneHot), training).head());
    }

    /** Logits (B, M) for channel outputs (B, n). */
    public NDArray decode(ParameterStore ps, NDArray y, boolean training) {
        return decoder.forward(ps, new NDList(y), training).head();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(decode(ps, encode(ps, inputs.get(0), training), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), messages)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        encoder.initialize(manager, dataType, new Shape(b, messages));
        decoder.initialize(manager, dataType, new Shape(b, n));
    }
}
