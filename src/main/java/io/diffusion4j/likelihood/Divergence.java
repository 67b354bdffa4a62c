package io.diffusion4j.likelihood;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.PerSample;

import java.util.function.UnaryOperator;

/**
 * The divergence ∇·f(x) = tr(∂f/∂x) of a vector field that acts on each sample of a batch separately (a network's
 * drift, no batch statistics), through vector–Jacobian products with DJL's autograd w.r.t. the input:
 * <ul>
 *   <li>{@link #exact}: Σ_j e_jᵀ(∂f/∂x)e_j with the D unit vectors — D products, for low dimension (d ≤ 4 in the
 *   toolkit's defaults);</li>
 *   <li>{@link #hutchinson}: the Hutchinson–Skilling estimator E_z[zᵀ(∂f/∂x)z] with Rademacher probes z
 *   (Hutchinson 1989; Skilling 1989; as used for the probability-flow likelihood by Grathwohl et al. 2019, eq. 7, and
 *   Song et al. 2021, appendix D.2), unbiased for every probe count, with the spread over probes as standard error.</li>
 * </ul>
 * The products for all probes run as one batch of K·B rows (one forward and one backward pass). Parameters of f
 * that require gradients accumulate them during the backward pass: call this outside a training step, or zero them.
 */
public final class Divergence {
    /** The dimension up to which {@link #auto} computes the divergence exactly. */
    public static final int EXACT_MAX_DIM = 4;

    private Divergence() {
    }

    /** Per-sample divergence estimates and their standard errors (0 when exact). */
    public record Estimate(double[] value, double[] stderr, String method) {
    }

    /**
     * f(x) and its divergence from the same forward pass, for integrators that need both (the probability-flow
     * likelihood); {@code value} is detached from the autograd graph and lives in x's manager.
     */
    public record Evaluation(NDArray value, Estimate divergence) {
    }

    /** The exact divergence with D = size/batch vector–Jacobian products. */
    public static Estimate exact(UnaryOperator<NDArray> f, NDArray x) {
        Evaluation e = exactWithValue(f, x);
        e.value().close();
        return e.divergence();
    }

    /** f(x) and the exact divergence. */
    public static Evaluation exactWithValue(UnaryOperator<NDArray> f, NDArray x) {
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().size() / b);
        NDManager parent = x.getManager();
        try (NDManager m = parent.newSubManager()) {
            x.tempAttach(m);
            float[] e = new float[d * b * d];
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < b; i++) {
                    e[(j * b + i) * d + j] = 1f;   // probe j of sample i is the unit vector e_j
                }
            }
            Forms q = quadraticForms(f, x, m.create(e, new Shape(d * b, d)), d);
            double[] div = new double[b];
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < b; i++) {
                    div[i] += q.forms()[j][i];
                }
            }
            q.value().attach(parent);
            return new Evaluation(q.value(), new Estimate(div, new double[b], "exact"));
        }
    }

    /** The Hutchinson–Skilling estimate with {@code probes} Rademacher vectors per sample. */
    public static Estimate hutchinson(UnaryOperator<NDArray> f, NDArray x, int probes, NoiseSource noise) {
        checkProbes(probes);
        try (NDManager m = x.getManager().newSubManager()) {
            NDArray z = probes(m, x, probes, noise);
            Evaluation e = hutchinsonWithValue(f, x, z);
            e.value().close();
            return e.divergence();
        }
    }

    /** K Rademacher probes per sample of x, shape (K·B, D), block k holding probe k of every sample. */
    public static NDArray probes(NDManager manager, NDArray x, int probes, NoiseSource noise) {
        checkProbes(probes);
        long b = x.getShape().get(0);
        return noise.rademacher(manager, new Shape(probes * b, x.getShape().size() / b));
    }

    /**
     * f(x) and the Hutchinson–Skilling estimate with given probes z of shape (K·B, D) (from {@link #probes}): fixed
     * probes make the estimate a deterministic function of x, which an adaptive ODE solver needs (Grathwohl et al.
     * 2019 draw one probe per solve).
     */
    public static Evaluation hutchinsonWithValue(UnaryOperator<NDArray> f, NDArray x, NDArray z) {
        int b = Math.toIntExact(x.getShape().get(0));
        int d = Math.toIntExact(x.getShape().size() / b);
        if (z.getShape().size() % ((long) b * d) != 0 || z.getShape().size() == 0) {
            throw new IllegalArgumentException("probes of shape " + z.getShape() + " do not fit samples of shape " + x.getShape());
        }
        int probes = Math.toIntExact(z.getShape().size() / ((long) b * d));
        NDManager parent = x.getManager();
        try (NDManager m = parent.newSubManager()) {
            x.tempAttach(m);
            Forms fq = quadraticForms(f, x, z, probes);
            double[][] q = fq.forms();
            double[] mean = new double[b];
            double[] se = new double[b];
            for (int i = 0; i < b; i++) {
                double s = 0;
                double ss = 0;
                for (int k = 0; k < probes; k++) {
                    s += q[k][i];
                    ss += q[k][i] * q[k][i];
                }
                mean[i] = s / probes;
                se[i] = probes > 1 ? Math.sqrt(Math.max(0, ss / probes - mean[i] * mean[i]) / (probes - 1)) : Double.NaN;
            }
            fq.value().attach(parent);
            return new Evaluation(fq.value(), new Estimate(mean, se, "hutchinson(" + probes + ")"));
        }
    }

    /** Exact for d ≤ {@value #EXACT_MAX_DIM}, else Hutchinson with {@code probes} probes. */
    public static Estimate auto(UnaryOperator<NDArray> f, NDArray x, int probes, NoiseSource noise) {
        long d = x.getShape().size() / x.getShape().get(0);
        return d <= EXACT_MAX_DIM ? exact(f, x) : hutchinson(f, x, probes, noise);
    }

    private static void checkProbes(int probes) {
        if (probes < 1) {
            throw new IllegalArgumentException("--probes must be >= 1, got " + probes);
        }
    }

    /** f(x) for the first copy of x, detached, and the quadratic forms [k][sample]. */
    private record Forms(NDArray value, double[][] forms) {
    }

    /**
     * zᵀ(∂f/∂x)z for K probe blocks: z is (K·B, D), block k holding the probes of every sample; returns [k][sample].
     * x is repeated K times, f evaluated once on the stack, and one backward pass of Σ z·f gives every zᵀJ.
     * The callers attach x to a step manager for the call, so everything made here is freed with it.
     */
    private static Forms quadraticForms(UnaryOperator<NDArray> f, NDArray x, NDArray z, int k) {
        int b = Math.toIntExact(x.getShape().get(0));
        NDList copies = new NDList();
        for (int j = 0; j < k; j++) {
            copies.add(x);
        }
        NDArray xs = NDArrays.concat(copies, 0).stopGradient(); // a fresh leaf of the autograd graph
        NDArray zs = z.reshape(xs.getShape()).toType(xs.getDataType(), false);
        xs.setRequiresGradient(true);
        NDArray vjp;
        NDArray value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray fx = f.apply(xs);
            gc.backward(fx.mul(zs).sum());
            vjp = xs.getGradient();
            value = fx.stopGradient().get(new NDIndex("0:" + b)).reshape(x.getShape());
        }
        double[] forms = PerSample.sumPerSample(vjp.mul(zs)).toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] q = new double[k][b];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < b; i++) {
                q[j][i] = forms[j * b + i];
            }
        }
        return new Forms(value, q);
    }
}
