package io.diffusion4j.model;

import io.diffusion4j.model.nn.Functional;
import io.diffusion4j.model.nn.TimeEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLP denoiser for low-dimensional data: the time t goes through a sinusoidal embedding and a two-layer MLP; the
 * input (x, optionally concatenated with a condition vector) is lifted to the first hidden width, then passes
 * residual blocks h ← h + W₂·SiLU(W₁·SiLU(LN(h)) + E·emb(t)), and a final SiLU → linear map gives the output.
 * Inputs: NDList(x (B, d), time (B)[, condition (B, c)]); output: NDList((B, outDim)).
 */
public final class MlpDenoiserBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final MlpSpec spec;
    private final Linear timeIn;
    private final Linear timeOut;
    private final Linear input;
    private final List<LayerNorm> norms = new ArrayList<>();
    private final List<Linear> first = new ArrayList<>();
    private final List<Linear> timeProj = new ArrayList<>();
    private final List<Linear> second = new ArrayList<>();
    private final List<Linear> lifts = new ArrayList<>();
    private final Linear output;

    public MlpDenoiserBlock(MlpSpec spec) {
        super(VERSION);
        this.spec = spec;
        int te = spec.timeEmbedding();
        timeIn = addChildBlock("time_in", Linear.builder().setUnits(te).build());
        timeOut = addChildBlock("time_out", Linear.builder().setUnits(te).build());
        input = addChildBlock("input", Linear.builder().setUnits(spec.hidden()[0]).build());
        for (int i = 0; i < spec.hidden().length; i++) {
            int h = spec.hidden()[i];
            int prev = i == 0 ? h : spec.hidden()[i - 1];
            lifts.add(prev == h ? null : addChildBlock("lift" + i, Linear.builder().setUnits(h).optBias(false).build()));
            norms.add(addChildBlock("norm" + i, LayerNorm.builder().build()));
            first.add(addChildBlock("fc" + i + "a", Linear.builder().setUnits(h).build()));
            timeProj.add(addChildBlock("temb" + i, Linear.builder().setUnits(h).build()));
            second.add(addChildBlock("fc" + i + "b", Linear.builder().setUnits(h).build()));
        }
        output = addChildBlock("output", Linear.builder().setUnits(spec.outDim()).build());
    }

    public MlpSpec spec() {
        return spec;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray emb = TimeEmbedding.sinusoidal(inputs.get(1), spec.timeEmbedding(), 10_000);
        emb = timeOut.forward(ps, new NDList(Functional.silu(timeIn.forward(ps, new NDList(emb), training).head())), training).head();
        NDArray embAct = Functional.silu(emb);
        NDArray in = spec.condDim() > 0 ? NDArrays.concat(new NDList(x, inputs.get(2)), 1) : x;
        NDArray h = input.forward(ps, new NDList(in), training).head();
        for (int i = 0; i < first.size(); i++) {
            if (lifts.get(i) != null) {
                h = lifts.get(i).forward(ps, new NDList(h), training).head();
            }
            NDArray r = norms.get(i).forward(ps, new NDList(h), training).head();
            r = first.get(i).forward(ps, new NDList(Functional.silu(r)), training).head();
            r = r.add(timeProj.get(i).forward(ps, new NDList(embAct), training).head());
            r = second.get(i).forward(ps, new NDList(Functional.silu(r)), training).head();
            h = h.add(r);
        }
        return output.forward(ps, new NDList(Functional.silu(h)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.outDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        int te = spec.timeEmbedding();
        timeIn.initialize(manager, dataType, new Shape(b, te));
        timeOut.initialize(manager, dataType, new Shape(b, te));
        input.initialize(manager, dataType, new Shape(b, spec.dim() + spec.condDim()));
        for (int i = 0; i < first.size(); i++) {
            int h = spec.hidden()[i];
            int prev = i == 0 ? h : spec.hidden()[i - 1];
            if (lifts.get(i) != null) {
                lifts.get(i).initialize(manager, dataType, new Shape(b, prev));
            }
            norms.get(i).initialize(manager, dataType, new Shape(b, h));
            first.get(i).initialize(manager, dataType, new Shape(b, h));
            timeProj.get(i).initialize(manager, dataType, new Shape(b, te));
            second.get(i).initialize(manager, dataType, new Shape(b, h));
        }
        output.initialize(manager, dataType, new Shape(b, spec.hidden()[spec.hidden().length - 1]));
    }
}
