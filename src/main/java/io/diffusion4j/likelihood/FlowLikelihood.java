package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.ode.OdeObserver;
import io.diffusion4j.ode.OdeResult;
import io.diffusion4j.ode.OdeSystem;
import io.diffusion4j.sde.ReverseSde;
import io.diffusion4j.sde.Sde;

import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * The exact log-likelihood of a score model through its probability-flow ODE (Song et al. 2021, Appendix D.2,
 * eq. 39–40; the instantaneous change of variables of Chen et al. 2018): with the flow dx/dt = f̃(x, t) =
 * f(x, t) − ½g(t)²∇log p_t(x) of {@code sde.reverse(model, true)}, the augmented system d/dt (x, Δ) = (f̃, ∇·f̃) is
 * integrated from t₀ to 1 and log p_{t₀}(x) = log p_1(x(1)) + Δ(1), with p_1 the SDE's prior. The divergence is exact
 * for d ≤ {@value Divergence#EXACT_MAX_DIM} and otherwise the Hutchinson–Skilling estimate with K Rademacher probes
 * per sample, drawn once per solve so the adaptive solver sees a smooth field (Grathwohl et al. 2019, §2.1); the
 * result is then an unbiased estimate of log p_{t₀}(x). t₀ is the smallest time the model was trained at (score_sde
 * uses ε = 1e-5). For 8-bit data the density is made a code length by uniform dequantisation: x + u, u ~ U(bin),
 * −log P(x) ≤ E_u[−log p(x + u)] − D·log(bin width) (Song et al. 2021, App. D.2; Ho et al. 2020, §3.3 bins).
 */
public final class FlowLikelihood {
    /** Width of one of the 256 bins of an 8-bit image scaled to [−1, 1] (k/127.5 − 1). */
    public static final double BIN_8BIT = 2.0 / 255;

    private final Sde sde;
    private final double t0;
    private final OdeIntegrator integrator;
    private final int probes;

    /**
     * @param t0     the start time (the model's smallest trained time)
     * @param probes Rademacher probes per sample for d &gt; {@value Divergence#EXACT_MAX_DIM}; ≥ 1
     */
    public FlowLikelihood(Sde sde, double t0, OdeIntegrator integrator, int probes) {
        if (!(t0 > 0 && t0 < 1)) {
            throw new IllegalArgumentException("the likelihood's start time must be in (0, 1), got " + t0);
        }
        if (probes < 1) {
            throw new IllegalArgumentException("--probes must be >= 1 (Hutchinson probes per point), got " + probes);
        }
        this.sde = sde;
        this.t0 = t0;
        this.integrator = integrator;
        this.probes = probes;
    }

    /** Dormand–Prince with rtol = atol = 1e-5, as score_sde's likelihood (scipy RK45). */
    public static FlowLikelihood standard(Sde sde, double t0, int probes) {
        return new FlowLikelihood(sde, t0, OdeIntegrator.dormandPrince(1e-5, 1e-5), probes);
    }

    /** Per-sample −log p_{t₀}(x) in nats, and the solver's cost. */
    public record Result(double[] nats, int evaluations, String divergence) {
    }

    /** −log p_{t₀}(x) for every sample of x (any shape with the batch first). */
    public Result nll(Denoiser model, NDArray x, NoiseSource noise) {
        long b = x.getShape().get(0);
        long d = x.getShape().size() / b;
        NDManager parent = x.getManager();
        try (NDManager m = parent.newSubManager()) {
            NDArray z = d <= Divergence.EXACT_MAX_DIM ? null : Divergence.probes(m, x, probes, noise);
            ReverseSde flow = sde.reverse(model, true);
            OdeSystem system = (t, y) -> {
                NDArray state = y.get(0);
                UnaryOperator<NDArray> field = v -> flow.drift(v, t);
                Divergence.Evaluation e = z == null ? Divergence.exactWithValue(field, state)
                        : Divergence.hutchinsonWithValue(field, state, z);
                return new NDList(e.value(), state.getManager().create(e.divergence().value()));
            };
            NDArray x0 = x.duplicate();
            x0.attach(m);
            NDList y0 = new NDList(x0, m.zeros(new Shape(b), DataType.FLOAT64));
            OdeResult r = integrator.integrate(system, new double[] {t0, 1}, y0, OdeObserver.NONE);
            double[] prior = sde.priorLogDensity(r.y().get(0)).toType(DataType.FLOAT64, false).toDoubleArray();
            double[] delta = r.y().get(1).toDoubleArray();
            double[] nats = new double[(int) b];
            for (int i = 0; i < b; i++) {
                nats[i] = -(prior[i] + delta[i]);
            }
            return new Result(nats, r.evaluations(), z == null ? "exact" : "hutchinson(" + probes + ")");
        }
    }

    /**
     * The NLL in bits per dimension over every point of {@code data} (in the model's space), in batches of
     * {@code batch} reshaped by {@code shapeOf}; batch k uses {@code noise.fork(k)} for its probes and
     * dequantisation. With {@code dequantize8bit} the data must be 8-bit values in [−1, 1].
     */
    public BoundEstimate estimate(Denoiser model, Points data, IntFunction<Shape> shapeOf, int batch, boolean dequantize8bit,
                                  NoiseSource noise, NDManager manager) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        double[] nats = new double[data.n()];
        String divergence = null;
        for (int from = 0, k = 0; from < data.n(); from += batch, k++) {
            int to = Math.min(data.n(), from + batch);
            try (NDManager m = manager.newSubManager()) {
                Points part = data.slice(from, to);
                NDArray x = m.create(part.values(), shapeOf.apply(part.n()));
                NoiseSource nk = noise.fork(k);
                if (dequantize8bit) {
                    Decoder.DISCRETIZED_8BIT.check(x);
                    NDArray u = nk.fork(1).uniform(m, x.getShape());
                    x = x.add(u.sub(0.5).mul(BIN_8BIT));
                }
                Result r = nll(model, x, nk.fork(2));
                divergence = r.divergence();
                System.arraycopy(r.nats(), 0, nats, from, r.nats().length);
            }
        }
        if (dequantize8bit) {
            double perPoint = data.d() * Math.log(1 / BIN_8BIT);
            for (int i = 0; i < nats.length; i++) {
                nats[i] += perPoint;   // −log P(bin) ≤ E_u[−log p(x + u)] − D·log(width), and log(width) < 0
            }
        }
        return BoundEstimate.of(nats, data.d(), "ode", divergence, dequantize8bit ? "uniform-dequantization-8bit" : "continuous");
    }

    public Sde sde() {
        return sde;
    }

    public double t0() {
        return t0;
    }
}
