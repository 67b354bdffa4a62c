package io.diffusion4j.model;

import io.diffusion4j.model.nn.ResBlock;
import io.diffusion4j.model.nn.GroupNorm;
import io.diffusion4j.model.nn.Functional;
import io.diffusion4j.model.nn.TimeEmbedding;
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

import java.util.ArrayList;
import java.util.List;

/**
 * An image classifier built from the U-Net's parts (the "half U-Net" of Dhariwal &amp; Nichol 2021, §4, with average
 * pooling instead of attention pooling): 3×3 convolution in; per level, residual blocks then a stride-2
 * convolution; GN → SiLU → global average pool gives the penultimate features, and a linear layer the logits.
 * Inputs NDList(x (B,C,H,W), time (B)) — the time is ignored unless the spec is time-conditioned. Output
 * NDList(logits (B, K), features (B, F)).
 */
public final class ClassifierBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ClassifierSpec spec;
    private final int embDim;
    private final Linear timeIn;
    private final Linear timeOut;
    private final Conv2d convIn;
    private final List<ResBlock> res = new ArrayList<>();
    private final List<Conv2d> downs = new ArrayList<>();
    private final GroupNorm normOut;
    private final Linear head;
    private final List<int[]> resChannels = new ArrayList<>();

    public ClassifierBlock(ClassifierSpec spec) {
        super(VERSION);
        this.spec = spec;
        embDim = spec.timeConditioned() ? 4 * spec.base() : 0;
        timeIn = embDim > 0 ? addChildBlock("time_in", Linear.builder().setUnits(embDim).build()) : null;
        timeOut = embDim > 0 ? addChildBlock("time_out", Linear.builder().setUnits(embDim).build()) : null;
        convIn = addChildBlock("conv_in", ResBlock.conv3x3(spec.base()));
        int ch = spec.base();
        int[] mult = spec.mult();
        for (int i = 0; i < mult.length; i++) {
            int out = spec.base() * mult[i];
            for (int j = 0; j < spec.resBlocks(); j++) {
                res.add(addChildBlock("level" + i + "_res" + j, new ResBlock(ch, out, embDim, spec.groups(), 0)));
                resChannels.add(new int[] {ch, out});
                ch = out;
            }
            if (i < mult.length - 1) {
                downs.add(addChildBlock("level" + i + "_down", Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).setFilters(ch).build()));
            }
        }
        normOut = addChildBlock("norm_out", new GroupNorm(spec.groups(), ch));
        head = addChildBlock("head", Linear.builder().setUnits(spec.classes()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray embAct = null;
        if (embDim > 0) {
            NDArray emb = TimeEmbedding.sinusoidal(inputs.get(1), spec.base(), 10_000);
            emb = timeOut.forward(ps, new NDList(Functional.silu(timeIn.forward(ps, new NDList(emb), training).head())), training).head();
            embAct = Functional.silu(emb);
        }
        NDArray h = convIn.forward(ps, new NDList(x), training).head();
        int r = 0;
        for (int i = 0; i < spec.mult().length; i++) {
            for (int j = 0; j < spec.resBlocks(); j++) {
                h = res.get(r++).apply(ps, h, embAct, training, null);
            }
            if (i < downs.size()) {
                h = downs.get(i).forward(ps, new NDList(h), training).head();
            }
        }
        NDArray act = Functional.silu(normOut.forward(ps, new NDList(h), training).head());
        NDArray features = act.reshape(act.getShape().get(0), act.getShape().get(1), -1).mean(new int[] {2}); // global average pool
        return new NDList(head.forward(ps, new NDList(features), training).head(), features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, spec.classes()), new Shape(b, spec.featureDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (embDim > 0) {
            timeIn.initialize(manager, dataType, new Shape(1, spec.base()));
            timeOut.initialize(manager, dataType, new Shape(1, embDim));
        }
        convIn.initialize(manager, dataType, new Shape(1, spec.channels(), 4, 4));
        for (int i = 0; i < res.size(); i++) {
            int[] c = resChannels.get(i);
            res.get(i).initialize(manager, dataType, new Shape(1, c[0], 4, 4), new Shape(1, Math.max(embDim, 1)));
        }
        int d = 0;
        for (int i = 0; i < spec.mult().length - 1; i++) {
            downs.get(d++).initialize(manager, dataType, new Shape(1, spec.base() * spec.mult()[i], 4, 4));
        }
        normOut.initialize(manager, dataType, new Shape(1, spec.featureDim(), 1, 1));
        head.initialize(manager, dataType, new Shape(1, spec.featureDim()));
    }
}
