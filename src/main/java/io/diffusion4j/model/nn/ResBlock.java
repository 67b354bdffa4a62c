package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.diffusion4j.noise.NoiseSource;

/**
 * The residual block of the diffusion U-Net (Ho et al. 2020, Appendix B, after the Wide ResNet of Zagoruyko &amp;
 * Komodakis 2016): h = Conv(SiLU(GN(x))); h += Linear(SiLU(emb)) per channel; h = Conv(Dropout(SiLU(GN(h))));
 * out = skip(x) + h, where skip is a 1×1 convolution when the channel count changes. With {@code embDim} = 0 the
 * embedding term is left out (a plain residual block, used by the feature classifier).
 */
public final class ResBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int in;
    private final int out;
    private final int embDim;
    private final double dropout;
    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final Linear embProj;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d skip;

    public ResBlock(int in, int out, int embDim, int groups, double dropout) {
        super(VERSION);
        this.in = in;
        this.out = out;
        this.embDim = embDim;
        this.dropout = dropout;
        norm1 = addChildBlock("norm1", new GroupNorm(groups, in));
        conv1 = addChildBlock("conv1", conv3x3(out));
        embProj = embDim > 0 ? addChildBlock("emb", Linear.builder().setUnits(out).build()) : null;
        norm2 = addChildBlock("norm2", new GroupNorm(groups, out));
        conv2 = addChildBlock("conv2", conv3x3(out));
        skip = in != out ? addChildBlock("skip", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(out).build()) : null;
    }

    public static Conv2d conv3x3(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters).build();
    }

    /** The block on x (B, in, H, W) with SiLU(emb) (B, embDim) or null; dropout masks from {@code noise} when training. */
    public NDArray apply(ParameterStore ps, NDArray x, NDArray embAct, boolean training, NoiseSource noise) {
        return Functional.scoped(training, () -> residual(ps, x, embAct, training, noise));
    }

    private NDArray residual(ParameterStore ps, NDArray x, NDArray embAct, boolean training, NoiseSource noise) {
        NDArray h = Functional.silu(norm1.forward(ps, new NDList(x), training).head());
        h = conv1.forward(ps, new NDList(h), training).head();
        if (embProj != null) {
            NDArray e = embProj.forward(ps, new NDList(embAct), training).head();
            h = h.add(e.reshape(e.getShape().get(0), out, 1, 1));
        }
        h = Functional.silu(norm2.forward(ps, new NDList(h), training).head());
        if (training) {
            h = SeededDropout.apply(h, dropout, noise);
        }
        h = conv2.forward(ps, new NDList(h), training).head();
        NDArray s = skip == null ? x : skip.forward(ps, new NDList(x), training).head();
        return s.add(h);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray emb = inputs.size() > 1 ? Functional.silu(inputs.get(1)) : null;
        NoiseSource noise = training && dropout > 0 ? SeededDropout.seedFrom(inputs.toArray(new NDArray[0])) : null;
        return new NDList(apply(ps, x, emb, training, noise));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm1.initialize(manager, dataType, new Shape(1, in, 1, 1));
        conv1.initialize(manager, dataType, new Shape(1, in, 4, 4));
        if (embProj != null) {
            embProj.initialize(manager, dataType, new Shape(1, embDim));
        }
        norm2.initialize(manager, dataType, new Shape(1, out, 1, 1));
        conv2.initialize(manager, dataType, new Shape(1, out, 4, 4));
        if (skip != null) {
            skip.initialize(manager, dataType, new Shape(1, in, 4, 4));
        }
    }
}
