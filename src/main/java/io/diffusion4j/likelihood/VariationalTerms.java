package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.tensor.PerSample;

/**
 * The terms of the variational bound −log p_θ(x₀) ≤ L_T + Σ_{t&gt;1} L_{t−1} + L₀ (Ho et al. 2020, eq. 5) on a time
 * grid, each in nats per sample:
 * <ul>
 *   <li>L_T = KL(q(x_T | x₀) ‖ N(0, I)) at the grid's first level;</li>
 *   <li>L_{t−1} = KL(q(x_{t−1} | x_t, x₀) ‖ p_θ(x_{t−1} | x_t)) for the steps between noisy levels, both Gaussian:
 *   q with the posterior mean and β̃ of the {@link Transition}, p_θ with mean μ̃(x_t, x̂₀) and variance Σ_θ;</li>
 *   <li>L₀ = −log p_θ(x₀ | x₁) for the step to data, through the {@link Decoder}.</li>
 * </ul>
 * Σ_θ is the learned variance when the prediction carries one ({@link LearnedVariance}), else the fixed β̃ or β of
 * the {@link ReverseVariance} (β̃ for a learned one). At the step to data β̃ = 0, so it is replaced by β̃ of the step before, as in Nichol &amp; Dhariwal's
 * code ("posterior_log_variance_clipped"); β there is β₁. Steps are indexed as the grid's transitions: step i goes
 * from level i to level i + 1, so on the full grid step i is t = T − i. Each sample may sit at its own step
 * (training batches, Monte-Carlo estimates over t). {@link #terms} computes in the inputs' dtype, so gradients flow
 * (DJL's dtype casts cut the autograd graph); the evaluation entry points {@link #prior} and {@link #term} cast to
 * float64 first, for the precision the small-t terms need.
 */
public final class VariationalTerms {
    private final TimeGrid grid;
    private final Decoder decoder;
    private final ReverseVariance variance;
    private final double[] coefX0;
    private final double[] coefXt;
    private final double[] logPosterior; // log β̃ of q; 0 at the step to data (unused there)
    private final double[] logMin;       // log β̃, clipped at the step to data
    private final double[] logMax;       // log β (the step variance)

    public VariationalTerms(TimeGrid grid, Decoder decoder, ReverseVariance variance) {
        int s = grid.steps();
        this.grid = grid;
        this.decoder = decoder;
        this.variance = variance;
        coefX0 = new double[s];
        coefXt = new double[s];
        logPosterior = new double[s];
        logMin = new double[s];
        logMax = new double[s];
        for (int i = 0; i < s; i++) {
            Transition tr = Transition.between(grid.level(i), grid.level(i + 1));
            if (!(tr.stepVariance() > 0)) {
                throw new IllegalArgumentException("the variational bound needs every step to add noise; step " + i
                        + " of the grid has variance 0");
            }
            coefX0[i] = tr.coefX0();
            coefXt[i] = tr.coefXt();
            logMax[i] = Math.log(tr.stepVariance());
            boolean last = tr.to().isData();
            logPosterior[i] = last ? 0 : Math.log(tr.posteriorVariance());
            logMin[i] = !last ? logPosterior[i] : i > 0 ? logPosterior[i - 1] : logMax[i];
        }
        if (!grid.level(s).isData()) {
            throw new IllegalArgumentException("the variational bound needs a grid that ends at the data");
        }
    }

    public TimeGrid grid() {
        return grid;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** The reverse variance whose fixed β̃ or β the terms use where a prediction carries no learned one. */
    public ReverseVariance variance() {
        return variance;
    }

    /** Number of steps S; the bound has S + 1 terms. */
    public int steps() {
        return grid.steps();
    }

    /** L_T = KL(N(α_T·x₀, σ_T²) ‖ N(0, I)) per sample (Ho et al. 2020, eq. 5). */
    public NDArray prior(NDArray x0) {
        NoiseLevel top = grid.first();
        return PerSample.sumPerSample(Gaussians.klToStandard(float64(x0).mul(top.alpha()), top.sigma() * top.sigma()));
    }

    /** The term of step {@code step} for a prediction made at that step's level, for every sample; float64 (B). */
    public NDArray term(NDArray x0, Prediction p, int step) {
        int[] steps = new int[Math.toIntExact(x0.getShape().get(0))];
        java.util.Arrays.fill(steps, step);
        NDArray v = p.varianceFraction();
        return terms(float64(x0), float64(p.x()), float64(p.x0()), v == null ? null : float64(v), steps);
    }

    private static NDArray float64(NDArray a) {
        return a.toType(DataType.FLOAT64, false);
    }

    /**
     * The term of step {@code steps[b]} for sample b: x0 the data, xt the noisy input at that step's level, x0Hat the
     * model's x̂₀ there and fraction its learned variance v (null for the fixed variance), all of one dtype.
     */
    public NDArray terms(NDArray x0, NDArray xt, NDArray x0Hat, NDArray fraction, int[] steps) {
        NDManager m = x0.getManager();
        NDArray x = x0;
        int b = steps.length;
        double[] c0 = new double[b];
        double[] ct = new double[b];
        double[] lq = new double[b];
        double[] lMin = new double[b];
        double[] lMax = new double[b];
        boolean[] data = new boolean[b];
        for (int k = 0; k < b; k++) {
            int i = steps[k];
            c0[k] = coefX0[i];
            ct[k] = coefXt[i];
            lq[k] = logPosterior[i];
            lMin[k] = logMin[i];
            lMax[k] = logMax[i];
            data[k] = i == grid.steps() - 1;
        }
        NDArray a0 = column(m, c0, x);
        NDArray at = column(m, ct, x);
        NDArray meanQ = ForwardProcess.posteriorMean(x, xt, a0, at);
        NDArray meanP = ForwardProcess.posteriorMean(x0Hat, xt, a0, at);
        NDArray logVarP = fraction != null
                ? LearnedVariance.logVariance(fraction, column(m, lMax, x), column(m, lMin, x))
                : column(m, variance.fixedAtStepVariance() ? lMax : lMin, x).add(x.zerosLike());
        NDArray kl = PerSample.sumPerSample(Gaussians.kl(meanQ, column(m, lq, x), meanP, logVarP));
        NDArray nll = PerSample.sumPerSample(decoder.nll(x, meanP, logVarP));
        return NDArrays.where(m.create(data), nll, kl);
    }

    private static NDArray column(NDManager m, double[] v, NDArray like) {
        return PerSample.expand(m.create(v), like);
    }
}
