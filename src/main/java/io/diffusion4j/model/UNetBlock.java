package io.diffusion4j.model;

import io.diffusion4j.model.nn.ResBlock;
import io.diffusion4j.model.nn.SeededDropout;
import io.diffusion4j.model.nn.GroupNorm;
import io.diffusion4j.model.nn.Functional;
import io.diffusion4j.model.nn.SelfAttention;
import io.diffusion4j.model.nn.TimeEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The diffusion U-Net of Ho et al. 2020 (Appendix B; PixelCNN++ backbone): a 3×3 input convolution; per level,
 * {@code resBlocks} residual blocks (plus self-attention where configured) and a stride-2 convolution down; a middle
 * of residual block, attention, residual block; per level on the way up, {@code resBlocks}+1 residual blocks fed the
 * concatenated skip activations, then nearest-neighbour upsampling and a 3×3 convolution (cropped to the skip's size,
 * so odd sizes work); and GN → SiLU → 3×3 convolution out. The sinusoidal time embedding goes through a two-layer MLP
 * into every residual block; with classes, a learned class embedding (one row per class plus the null class of
 * classifier-free guidance, Ho &amp; Salimans 2022, §3.2) is added to it. Inputs NDList(x (B,C,H,W), time (B)[,
 * labels (B)]); a missing label array means the null class. With {@link UNetSpec#condChannels()} &gt; 0 the third
 * input is instead an image condition (B, C', H, W), concatenated with x along channels before the input convolution
 * (SR3, Saharia et al. 2022); nothing else in the network changes. Output: (B, C, H, W).
 */
public final class UNetBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Names of the guidance-weight embedding's two layers (a net with {@link UNetSpec#guidanceInput()}). */
    public static final String GUIDANCE_IN = "guidance_in";
    public static final String GUIDANCE_OUT = "guidance_out";

    private final UNetSpec spec;
    private final Linear timeIn;
    private final Linear timeOut;
    private final Linear classEmbed;
    private final Conv2d convIn;
    private final List<List<Block>> down = new ArrayList<>();   // per level: res/attn blocks, then the downsampler
    private final ResBlock mid1;
    private final SelfAttention midAttn;
    private final ResBlock mid2;
    private final List<List<Block>> up = new ArrayList<>();     // per level (deepest first): res/attn blocks, upsampler
    private final GroupNorm normOut;
    private final Conv2d convOut;
    private final Linear guidanceIn;
    private final Linear guidanceOut;
    private final List<Runnable> initializers = new ArrayList<>();
    private NDManager initManager;
    private DataType initType;

    public UNetBlock(UNetSpec spec) {
        super(VERSION);
        this.spec = spec;
        int base = spec.base();
        int emb = spec.embedDim();
        int g = spec.groups();
        double p = spec.dropout();
        int levels = spec.mult().length;
        timeIn = linear("time_in", emb, base);
        timeOut = linear("time_out", emb, emb);
        classEmbed = spec.classes() > 0
                ? add("class_embed", Linear.builder().setUnits(emb).optBias(false).build(), new Shape(1, spec.classes() + 1)) : null;
        convIn = conv("conv_in", ResBlock.conv3x3(base), spec.channels() + spec.condChannels());
        Deque<Integer> skips = new ArrayDeque<>();
        skips.push(base);
        int ch = base;
        for (int i = 0; i < levels; i++) {
            List<Block> blocks = new ArrayList<>();
            int outCh = base * spec.mult()[i];
            for (int j = 0; j < spec.resBlocks(); j++) {
                blocks.add(res("down" + i + "_res" + j, ch, outCh, emb, g, p));
                ch = outCh;
                if (spec.attentionAt(i)) {
                    blocks.add(attn("down" + i + "_attn" + j, ch, g));
                }
                skips.push(ch);
            }
            if (i < levels - 1) {
                blocks.add(conv("down" + i + "_pool", Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .optPadding(new Shape(1, 1)).setFilters(ch).build(), ch));
                skips.push(ch);
            }
            down.add(blocks);
        }
        mid1 = res("mid_res1", ch, ch, emb, g, p);
        midAttn = attn("mid_attn", ch, g);
        mid2 = res("mid_res2", ch, ch, emb, g, p);
        for (int i = levels - 1; i >= 0; i--) {
            List<Block> blocks = new ArrayList<>();
            int outCh = base * spec.mult()[i];
            for (int j = 0; j <= spec.resBlocks(); j++) {
                blocks.add(res("up" + i + "_res" + j, ch + skips.pop(), outCh, emb, g, p));
                ch = outCh;
                if (spec.attentionAt(i)) {
                    blocks.add(attn("up" + i + "_attn" + j, ch, g));
                }
            }
            if (i > 0) {
                blocks.add(conv("up" + i + "_upsample", ResBlock.conv3x3(ch), ch));
            }
            up.add(blocks);
        }
        normOut = add("norm_out", new GroupNorm(g, ch), new Shape(1, ch, 1, 1));
        convOut = conv("conv_out", ResBlock.conv3x3(spec.outChannels()), ch);
        // added last, so that the other parameters keep the names (and indices) of a net without this input
        guidanceIn = spec.guidanceInput() ? linear(GUIDANCE_IN, emb, base) : null;
        guidanceOut = spec.guidanceInput() ? linear(GUIDANCE_OUT, emb, emb) : null;
    }

    public UNetSpec spec() {
        return spec;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray time = inputs.get(1);
        NoiseSource drop = training && spec.dropout() > 0 ? SeededDropout.seedFrom(x, time) : null;
        NDArray emb = TimeEmbedding.sinusoidal(time, spec.base(), 10_000);
        emb = timeOut.forward(ps, new NDList(Functional.silu(timeIn.forward(ps, new NDList(emb), training).head())), training).head();
        if (classEmbed != null) {
            NDArray labels = inputs.size() > 2 ? inputs.get(2)
                    : x.getManager().full(new Shape(x.getShape().get(0)), spec.nullClass(), DataType.INT64);
            NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(spec.classes() + 1).toType(DataType.FLOAT32, false);
            emb = emb.add(classEmbed.forward(ps, new NDList(oneHot), training).head());
        }
        if (guidanceIn != null) {
            // w → the sinusoidal embedding of 1000·w (w of order 1 spread like the time steps) → two-layer MLP, added
            NDArray w = inputs.size() > 3 ? inputs.get(3) : x.getManager().zeros(new Shape(x.getShape().get(0)));
            NDArray we = TimeEmbedding.sinusoidal(w.toType(DataType.FLOAT32, false).mul(1000), spec.base(), 10_000);
            we = guidanceIn.forward(ps, new NDList(we), training).head();
            emb = emb.add(guidanceOut.forward(ps, new NDList(Functional.silu(we)), training).head());
        }
        NDArray embAct = Functional.silu(emb);
        NDArray h = convIn.forward(ps, new NDList(spec.condChannels() > 0 ? conditioned(x, inputs) : x), training).head();
        Deque<NDArray> skips = new ArrayDeque<>();
        skips.push(h);
        boolean kept = true; // whether h is on the skip stack; at inference every other superseded h is closed
        int k = 0;
        for (List<Block> level : down) {
            for (int i = 0; i < level.size(); i++) {
                Block b = level.get(i);
                NDArray prev = h;
                h = b instanceof ResBlock r ? r.apply(ps, h, embAct, training, fork(drop, k++))
                        : b.forward(ps, new NDList(h), training).head();
                release(prev, !kept, training);
                kept = i + 1 == level.size() || !(level.get(i + 1) instanceof SelfAttention);
                if (kept) {
                    skips.push(h); // a residual block's skip is taken after its attention, when it has one
                }
            }
        }
        NDArray prev = h;
        h = mid1.apply(ps, h, embAct, training, fork(drop, k++));
        release(prev, !kept, training);
        prev = h;
        h = midAttn.forward(ps, new NDList(h), training).head();
        release(prev, true, training);
        prev = h;
        h = mid2.apply(ps, h, embAct, training, fork(drop, k++));
        release(prev, true, training);
        for (List<Block> level : up) {
            for (Block b : level) {
                NDArray in = h;
                if (b instanceof ResBlock r) {
                    NDArray skip = skips.pop();
                    int index = k++;
                    h = Functional.scoped(training, () -> r.apply(ps, NDArrays.concat(new NDList(in, skip), 1), embAct,
                            training, fork(drop, index)));
                    release(skip, true, training);
                } else if (b instanceof SelfAttention) {
                    h = b.forward(ps, new NDList(h), training).head();
                } else {
                    Shape target = skips.peek().getShape();
                    h = Functional.scoped(training, () -> b.forward(ps, new NDList(upsample(in, target)), training).head());
                }
                release(in, true, training);
            }
        }
        NDArray last = h;
        return new NDList(Functional.scoped(training, () -> convOut.forward(ps,
                new NDList(Functional.silu(normOut.forward(ps, new NDList(last), training).head())), training).head()));
    }

    /** Nearest-neighbour ×2 of h, cropped to the skip's spatial size when the level above it had an odd size. */
    private static NDArray upsample(NDArray h, Shape target) {
        NDArray u = h.repeat(2, 2).repeat(3, 2);
        if (u.getShape().get(2) != target.get(2) || u.getShape().get(3) != target.get(3)) {
            u = u.get(":, :, :" + target.get(2) + ", :" + target.get(3));
        }
        return u;
    }

    /** At inference, closes an intermediate the rest of the pass no longer reads (in training autograd may need it). */
    private static void release(NDArray a, boolean unused, boolean training) {
        if (unused && !training) {
            a.close();
        }
    }

    /** x and the image condition concatenated along channels, after checking the condition's shape. */
    private NDArray conditioned(NDArray x, NDList inputs) {
        if (inputs.size() < 3) {
            throw new IllegalArgumentException("this U-Net is conditioned on a " + spec.condChannels()
                    + "-channel image; pass it with x and the time");
        }
        NDArray c = inputs.get(2);
        Shape s = x.getShape();
        Shape want = new Shape(s.get(0), spec.condChannels(), s.get(2), s.get(3));
        if (!c.getShape().equals(want)) {
            throw new IllegalArgumentException("image condition has shape " + c.getShape() + ", expected " + want);
        }
        return NDArrays.concat(new NDList(x, c.toType(x.getDataType(), false)), 1);
    }

    private static NoiseSource fork(NoiseSource s, int k) {
        return s == null ? null : s.fork(k);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        initManager = manager;
        initType = dataType;
        initializers.forEach(Runnable::run);
        initManager = null;
    }

    private Linear linear(String name, int units, int in) {
        return add(name, Linear.builder().setUnits(units).build(), new Shape(1, in));
    }

    private Conv2d conv(String name, Conv2d conv, int in) {
        return add(name, conv, new Shape(1, in, 4, 4));
    }

    private ResBlock res(String name, int in, int out, int emb, int groups, double p) {
        return add(name, new ResBlock(in, out, emb, groups, p), new Shape(1, in, 4, 4), new Shape(1, emb));
    }

    private SelfAttention attn(String name, int ch, int groups) {
        return add(name, new SelfAttention(ch, groups), new Shape(1, ch, 4, 4));
    }

    private <B extends Block> B add(String name, B block, Shape... shapes) {
        addChildBlock(name, block);
        initializers.add(() -> block.initialize(initManager, initType, shapes));
        return block;
    }
}
