package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Estimates of the variational bound (Ho et al. 2020, eq. 5) of any {@link Denoiser} on a batch, per sample in nats:
 * <ul>
 *   <li>{@link #allSteps}: L_T + Σ_i L_i over every step of the grid, one draw x_t ~ q(x_t | x₀) per step (the
 *   estimator of Ho et al.'s and Nichol &amp; Dhariwal's "calc_bpd_loop");</li>
 *   <li>{@link #sampledSteps}: L_T + L₀ + Σ_k n_k·L_{i_k} with one step i_k drawn uniformly in each of K strata of
 *   the KL steps, per sample, unbiased for the same bound at a fraction of the network evaluations (Ho et al. 2020,
 *   eq. 12 uses the same identity, with uniform t).</li>
 * </ul>
 * Both are unbiased estimates of each sample's bound; their spread over samples gives the standard error
 * ({@link BoundEstimate#of}). Memory is scoped per step.
 */
public final class Elbo {
    private final VariationalTerms terms;

    public Elbo(VariationalTerms terms) {
        this.terms = terms;
    }

    public VariationalTerms terms() {
        return terms;
    }

    /** One sample's terms from {@link #allSteps}: per-sample totals and the batch mean of each term. */
    public record Terms(double[] total, double priorMean, double[] stepMeans) {
    }

    /** The full sum over every step, one x_t per step and sample. */
    public Terms allSteps(Denoiser model, NDArray x0, NoiseSource noise) {
        terms.decoder().check(x0);
        int b = Math.toIntExact(x0.getShape().get(0));
        int s = terms.steps();
        double[] total = new double[b];
        double[] means = new double[s];
        double prior;
        NDManager parent = x0.getManager();
        try (NDManager sm = parent.newSubManager()) {
            x0.tempAttach(sm);
            prior = add(total, terms.prior(x0), 1.0);
        }
        for (int i = 0; i < s; i++) {
            try (NDManager sm = parent.newSubManager()) {
                x0.tempAttach(sm);
                NoiseLevel level = terms.grid().level(i);
                NDArray xt = ForwardProcess.qSample(x0, noise.normal(sm, x0.getShape()), level);
                Prediction p = model.predict(xt, level);
                means[i] = add(total, terms.term(x0, p, i), 1.0);
            }
        }
        return new Terms(total, prior, means);
    }

    /**
     * L_T + L₀ + Σ_k n_k·L_{i_k} per sample: the decoder term L₀ (the largest and most variable) is always computed,
     * and the S − 1 KL steps are split into K contiguous strata of n_k steps with one uniform draw i_k in each
     * (stratified sampling; unbiased for the same bound, with less variance than K independent uniform draws, since
     * the terms change slowly with t). K ≥ S − 1 gives every step once. Samples that drew the same step share one
     * network call.
     */
    public double[] sampledSteps(Denoiser model, NDArray x0, int draws, NoiseSource noise) {
        if (draws < 1) {
            throw new IllegalArgumentException("the sampled-t estimate needs at least 1 draw per sample, got " + draws);
        }
        terms.decoder().check(x0);
        int b = Math.toIntExact(x0.getShape().get(0));
        int s = terms.steps();
        double[] total = new double[b];
        NDManager parent = x0.getManager();
        try (NDManager sm = parent.newSubManager()) {
            x0.tempAttach(sm);
            add(total, terms.prior(x0), 1.0);
        }
        List<List<Integer>> byStep = new ArrayList<>();
        double[] weight = new double[s];
        for (int i = 0; i < s; i++) {
            byStep.add(new ArrayList<>());
        }
        for (int j = 0; j < b; j++) {
            byStep.get(s - 1).add(j);   // the step to data: L₀, exactly
        }
        weight[s - 1] = 1;
        int kl = s - 1;
        int strata = Math.min(draws, kl);
        for (int k = 0; k < strata; k++) {
            int lo = (int) ((long) k * kl / strata);
            int hi = (int) ((long) (k + 1) * kl / strata) - 1;   // stratum k: steps lo..hi
            for (int j = 0; j < b; j++) {
                int i = noise.nextInt(lo, hi);
                byStep.get(i).add(j);
                weight[i] = hi - lo + 1;
            }
        }
        for (int i = 0; i < s; i++) {
            List<Integer> rows = byStep.get(i);
            if (rows.isEmpty()) {
                continue;
            }
            try (NDManager sm = parent.newSubManager()) {
                long[] idx = rows.stream().mapToLong(Integer::longValue).toArray();
                NDArray x = x0.get(new NDIndex("{}", sm.create(idx)));
                x.attach(sm);
                NoiseLevel level = terms.grid().level(i);
                NDArray xt = ForwardProcess.qSample(x, noise.normal(sm, x.getShape()), level);
                double[] v = terms.term(x, model.predict(xt, level), i).toDoubleArray();
                for (int r = 0; r < idx.length; r++) {
                    total[(int) idx[r]] += weight[i] * v[r];
                }
            }
        }
        return total;
    }

    /**
     * The bound in bits per dimension over every point of {@code data} (in the model's space), in batches of
     * {@code batch} reshaped by {@code shapeOf} (e.g. {@code spec::sampleShape}): all t when {@code draws} is 0,
     * else {@code draws} sampled steps per point. Batch k uses {@code noise.fork(k)}.
     */
    public BoundEstimate estimate(Denoiser model, Points data, IntFunction<Shape> shapeOf, int batch, int draws,
                                  NoiseSource noise, NDManager manager) {
        if (batch < 1 || draws < 0) {
            throw new IllegalArgumentException("batch must be >= 1 and draws >= 0, got " + batch + ", " + draws);
        }
        double[] nats = new double[data.n()];
        for (int from = 0, k = 0; from < data.n(); from += batch, k++) {
            int to = Math.min(data.n(), from + batch);
            try (NDManager m = manager.newSubManager()) {
                Points part = data.slice(from, to);
                NDArray x0 = m.create(part.values(), shapeOf.apply(part.n()));
                double[] v = draws == 0 ? allSteps(model, x0, noise.fork(k)).total() : sampledSteps(model, x0, draws, noise.fork(k));
                System.arraycopy(v, 0, nats, from, v.length);
            }
        }
        return BoundEstimate.of(nats, data.d(), "elbo", draws == 0 ? "all-t" : "stratified-t(" + draws + ")", terms.decoder().id());
    }

    /** Adds scale·values (float64, (B)) into total; returns the batch mean of values. */
    private static double add(double[] total, NDArray values, double scale) {
        double[] v = values.toType(DataType.FLOAT64, false).toDoubleArray();
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            total[j] += scale * v[j];
            sum += v[j];
        }
        return sum / v.length;
    }
}
