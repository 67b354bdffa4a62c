package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu &amp; He 2018, eq. 1–3 with the group set of §3.1): the channels of each sample are split
 * into G groups; each group is normalised by its own mean and variance (biased, over its channels and all spatial
 * positions), then scaled and shifted per channel: y = γ_c·(x − μ_g)/√(σ²_g + ε) + β_c. Written with NDArray
 * operations because DJL 0.36 has no GroupNorm. Input (B, C, …) of any rank ≥ 2; output the same shape.
 */
public final class GroupNorm extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int groups;
    private final int channels;
    private final float eps;
    private final Parameter gamma;
    private final Parameter beta;

    public GroupNorm(int groups, int channels) {
        this(groups, channels, 1e-5f);
    }

    public GroupNorm(int groups, int channels, float eps) {
        super(VERSION);
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels do not split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(new Shape(channels)).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(new Shape(channels)).build());
    }

    /** The normalisation with explicit scale γ (C) and shift β (C). */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        Shape s = x.getShape();
        long c = s.get(1);
        NDArray g = x.reshape(s.get(0), groups, -1);
        NDArray mean = g.mean(new int[] {2}, true);
        NDArray centred = g.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        NDArray normed = centred.div(var.add(eps).sqrt()).reshape(s);
        long[] bshape = new long[s.dimension()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = c;
        Shape b = new Shape(bshape);
        return normed.mul(gamma.reshape(b)).add(beta.reshape(b));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("GroupNorm expects " + channels + " channels, got shape " + x.getShape());
        }
        return new NDList(groupNorm(x, groups, ps.getValue(gamma, x.getDevice(), training),
                ps.getValue(beta, x.getDevice(), training), eps));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
