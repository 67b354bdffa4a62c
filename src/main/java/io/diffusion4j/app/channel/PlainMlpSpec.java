package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.diffusion4j.model.NetworkSpec;

/**
 * A plain MLP on [x, c] (LeakyReLU 0.2 between linear layers, no normalisation), the generator and critic of the
 * WGAN channel model. It follows the core's network contract NDList(x, time[, condition]) so that
 * {@link io.diffusion4j.model.Network} gives it seeded weights and snapshots; the time input is ignored.
 */
public record PlainMlpSpec(int dim, int condDim, int[] hidden, int outDim) implements NetworkSpec {

    public PlainMlpSpec {
        if (dim < 1 || condDim < 1 || outDim < 1 || hidden.length == 0) {
            throw new IllegalArgumentException("invalid plain MLP configuration");
        }
        hidden = hidden.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public String type() {
        return "plain-mlp";
    }

    @Override
    public Block newBlock() {
        SequentialBlock body = new SequentialBlock();
        for (int h : hidden) {
            body.add(Linear.builder().setUnits(h).build()).add(Activation.leakyReluBlock(0.2f));
        }
        body.add(Linear.builder().setUnits(outDim).build());
        return new ConcatBlock(body, dim + condDim);
    }

    @Override
    public Shape[] inputShapes(int batch) {
        return new Shape[] {new Shape(batch, dim), new Shape(batch), new Shape(batch, condDim)};
    }

    @Override
    public Shape sampleShape(int n) {
        return new Shape(n, outDim);
    }

    /** Concatenates x and the condition and applies the body. */
    private static final class ConcatBlock extends AbstractBlock {
        private final SequentialBlock body;
        private final int in;

        ConcatBlock(SequentialBlock body, int in) {
            super((byte) 1);
            this.body = addChildBlock("body", body);
            this.in = in;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray xc = NDArrays.concat(new NDList(inputs.get(0), inputs.get(2)), 1);
            return body.forward(ps, new NDList(xc), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return body.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), in)});
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            body.initialize(manager, dataType, new Shape(inputShapes[0].get(0), in));
        }
    }
}
