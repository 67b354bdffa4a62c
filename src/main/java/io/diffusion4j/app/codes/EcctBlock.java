package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.diffusion4j.model.nn.Functional;
import io.diffusion4j.tensor.PerSample;

import java.util.ArrayList;
import java.util.List;

/**
 * The error-correction-code transformer (Choukroun &amp; Wolf, "Error Correction Code Transformer", NeurIPS 2022, §4) with the
 * syndrome-weight conditioning of DDECC (Choukroun &amp; Wolf, ICLR 2023, §4). Its 2n − k tokens
 * are the magnitudes |y_i| and the bipolar syndrome 1 − 2·s_j of the hard decision, s = H·bin(y); token i is its
 * value times a learned vector (a row of {@code token_weight}), times the learned embedding of the syndrome weight
 * Σs_j. Pre-norm layers x + MHA(LN(x)) with the parity-check mask (token pairs may attend each other only when they
 * share a check: two bits in one check, a bit and its check), then x + FF(LN(x)) with a GELU
 * of width 4d; a LayerNorm after the middle layer and one at the end; a linear map d → 1 per token and one
 * 2n − k → n give the n logits of P(y_i·x_i < 0), the sign of the multiplicative noise.
 */
public final class EcctBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private final EcctSpec spec;
    private final int tokens;
    private final float[] mask;
    private final float[] parityT;
    private final List<Parameter> params = new ArrayList<>();

    public EcctBlock(EcctSpec spec) {
        super(VERSION);
        this.spec = spec;
        int n = spec.n();
        int m = spec.checks();
        int d = spec.d();
        tokens = n + m;
        mask = maskOf(spec.h());
        parityT = new float[n * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                parityT[i * m + j] = spec.h()[j][i];
            }
        }
        add("token_weight", Parameter.Type.WEIGHT, tokens, d);
        add("time_weight", Parameter.Type.WEIGHT, m + 1, d);
        for (int l = 0; l < spec.layers(); l++) {
            norm("l" + l + "_ln1", d);
            for (String p : new String[] {"q", "k", "v", "o"}) {
                linear("l" + l + "_" + p, d, d);
            }
            norm("l" + l + "_ln2", d);
            linear("l" + l + "_ff1", d, 4 * d);
            linear("l" + l + "_ff2", 4 * d, d);
        }
        norm("mid", d);
        norm("final", d);
        linear("one", d, 1);
        linear("out", tokens, n);
    }

    /** Additive mask (tokens × tokens): 0 where attention is allowed, −1e9 elsewhere. */
    static float[] maskOf(int[][] h) {
        int n = h[0].length;
        int t = n + h.length;
        boolean[][] allowed = new boolean[t][t];
        for (int i = 0; i < t; i++) {
            allowed[i][i] = true;
        }
        for (int c = 0; c < h.length; c++) {
            for (int a = 0; a < n; a++) {
                if (h[c][a] == 1) {
                    allowed[n + c][a] = allowed[a][n + c] = true;
                    for (int b = 0; b < n; b++) {
                        allowed[a][b] |= h[c][b] == 1;
                    }
                }
            }
        }
        float[] out = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                out[i * t + j] = allowed[i][j] ? 0f : -1e9f;
            }
        }
        return out;
    }

    private void add(String name, Parameter.Type type, long... shape) {
        params.add(addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(shape)).build()));
    }

    private void linear(String name, int in, int out) {
        add(name + "_weight", Parameter.Type.WEIGHT, out, in);
        add(name + "_bias", Parameter.Type.BIAS, out);
    }

    private void norm(String name, int d) {
        add(name + "_gamma", Parameter.Type.GAMMA, d);
        add(name + "_beta", Parameter.Type.BETA, d);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(Functional.scoped(training, () -> logits(new Weights(ps, inputs.head(), training), inputs.get(0), inputs.get(1))));
    }

    private NDArray logits(Weights w, NDArray y, NDArray weight) {
        NDManager mg = y.getManager();
        long b = y.getShape().get(0);
        int m = spec.checks();
        int d = spec.d();
        NDArray hard = y.lt(0).toType(DataType.FLOAT32, false);
        NDArray ht = owned(mg.create(parityT, new Shape(spec.n(), m)));
        NDArray syndrome = hard.matMul(ht).mod(2);
        NDArray bipolar = syndrome.mul(PerSample.scalar(-2, y)).add(PerSample.scalar(1, y));
        NDArray values = NDArrays.concat(new NDList(y.abs(), bipolar), 1).expandDims(2);             // (B, T, 1)
        NDArray time = weight.toType(DataType.INT32, false).oneHot(m + 1).toType(DataType.FLOAT32, false)
                .matMul(w.get("time_weight")).reshape(b, 1, d);                                         // (B, 1, d)
        NDArray x = values.mul(w.get("token_weight").expandDims(0)).mul(time);                          // (B, T, d)
        NDArray additive = owned(mg.create(mask, new Shape(1, 1, tokens, tokens)));
        for (int l = 0; l < spec.layers(); l++) {
            x = x.add(attention(w, "l" + l, layerNorm(w, "l" + l + "_ln1", x), additive));
            NDArray f = gelu(linear(w, "l" + l + "_ff1", layerNorm(w, "l" + l + "_ln2", x)));
            x = x.add(linear(w, "l" + l + "_ff2", f));
            if (spec.layers() > 1 && l + 1 == spec.layers() / 2) {
                x = layerNorm(w, "mid", x);
            }
        }
        NDArray perToken = linear(w, "one", layerNorm(w, "final", x)).reshape(b, tokens);
        return linear(w, "out", perToken);
    }

    private NDArray attention(Weights w, String layer, NDArray x, NDArray additive) {
        Shape s = x.getShape();
        long b = s.get(0);
        int heads = spec.heads();
        int dk = spec.d() / heads;
        NDArray q = split(linear(w, layer + "_q", x), b, heads, dk);
        NDArray k = split(linear(w, layer + "_k", x), b, heads, dk);
        NDArray v = split(linear(w, layer + "_v", x), b, heads, dk);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(PerSample.scalar(1 / Math.sqrt(dk), x)).add(additive).softmax(-1);
        NDArray joined = scores.matMul(v).transpose(0, 2, 1, 3).reshape(s);
        return linear(w, layer + "_o", joined);
    }

    private static NDArray split(NDArray x, long b, int heads, int dk) {
        return x.reshape(b, -1, heads, dk).transpose(0, 2, 1, 3);
    }

    private static NDArray linear(Weights w, String name, NDArray x) {
        return x.matMul(w.get(name + "_weight").transpose()).add(w.get(name + "_bias"));
    }

    /** LayerNorm over the last axis with ε = 1e-5 (Ba, Kiros &amp; Hinton 2016). */
    private static NDArray layerNorm(Weights w, String name, NDArray x) {
        NDArray centred = x.sub(x.mean(new int[] {-1}, true));
        NDArray var = centred.square().mean(new int[] {-1}, true);
        NDArray normed = centred.div(var.add(PerSample.scalar(1e-5, x)).sqrt());
        return normed.mul(w.get(name + "_gamma")).add(w.get(name + "_beta"));
    }

    /** GELU x·Φ(x) (Hendrycks &amp; Gimpel 2016), as DJL provides it. */
    private static NDArray gelu(NDArray x) {
        return Activation.gelu(x);
    }

    private static NDArray owned(NDArray javaBacked) {
        try (NDArray v = javaBacked) {
            return v.duplicate();
        }
    }

    /** The block's parameter arrays on the input's device for this pass. */
    private final class Weights {
        private final ParameterStore ps;
        private final NDArray like;
        private final boolean training;

        Weights(ParameterStore ps, NDArray like, boolean training) {
            this.ps = ps;
            this.like = like;
            this.training = training;
        }

        NDArray get(String name) {
            for (Parameter p : params) {
                if (p.getName().equals(name)) {
                    return ps.getValue(p, like.getDevice(), training);
                }
            }
            throw new IllegalStateException("no parameter " + name);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), spec.n())};
    }
}
