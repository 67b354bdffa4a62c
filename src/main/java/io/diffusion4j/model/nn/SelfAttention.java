package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Single-head spatial self-attention with a residual connection, as in the DDPM U-Net (Ho et al. 2020, Appendix B;
 * scaled dot-product attention of Vaswani et al. 2017, eq. 1): with q, k, v = 1×1 convolutions of GN(x) and the
 * H·W positions as tokens, out = x + Proj(v·softmax(qᵀk/√C)ᵀ).
 */
public final class SelfAttention extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final GroupNorm norm;
    private final Conv2d qkv;
    private final Conv2d proj;

    public SelfAttention(int channels, int groups) {
        super(VERSION);
        this.channels = channels;
        norm = addChildBlock("norm", new GroupNorm(groups, channels));
        qkv = addChildBlock("qkv", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(3 * channels).build());
        proj = addChildBlock("proj", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(Functional.scoped(training, () -> attend(ps, inputs.head(), training)));
    }

    private NDArray attend(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0);
        long hw = s.get(2) * s.get(3);
        NDList parts = qkv.forward(ps, new NDList(norm.forward(ps, new NDList(x), training).head()), training).head().split(3, 1);
        NDArray q = parts.get(0).reshape(b, channels, hw);
        NDArray k = parts.get(1).reshape(b, channels, hw);
        NDArray v = parts.get(2).reshape(b, channels, hw);
        NDArray scale = io.diffusion4j.tensor.PerSample.scalar(1 / Math.sqrt(channels), x); // PyTorch-owned: autograd keeps it
        NDArray weights = q.transpose(0, 2, 1).matMul(k).mul(scale).softmax(2);     // (B, HW query, HW key)
        NDArray attended = v.matMul(weights.transpose(0, 2, 1)).reshape(s);                  // (B, C, HW query)
        return x.add(proj.forward(ps, new NDList(attended), training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, new Shape(1, channels, 1, 1));
        qkv.initialize(manager, dataType, new Shape(1, channels, 4, 4));
        proj.initialize(manager, dataType, new Shape(1, channels, 4, 4));
    }
}
