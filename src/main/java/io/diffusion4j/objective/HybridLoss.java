package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.LearnedVariance;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.PerSample;

/**
 * The variational objectives of Nichol &amp; Dhariwal 2021 (§3.1): per sample, with t drawn by the timestep sampler,
 * {@code simpleWeight·L_simple + vlbWeight·T·L_{t−1}}, where L_simple is the MSE of the mean output in the
 * parametrization's target and T·L_{t−1} (in bits per dimension, the scale of their code) is the unbiased one-term
 * estimate of L_vlb = Σ_t L_{t−1} without the parameter-free L_T. Two settings:
 * <ul>
 *   <li>{@link #hybrid}: L_simple + λ·L_vlb with λ = 0.001 (eq. 16) and a learned variance; L_vlb sees the mean
 *   through a stop-gradient, so it only trains Σ_θ and L_simple stays the mean's objective;</li>
 *   <li>{@link #vlb}: L_vlb alone, training mean and (learned) variance; with {@link ImportanceTimestepSampler}
 *   this is their importance-sampled L_vlb (§3.3).</li>
 * </ul>
 * Each sample's loss is multiplied by its importance weight, and the sampler observes the L_{t−1} it drew.
 */
public final class HybridLoss implements TrainingLoss {
    /** λ of Nichol &amp; Dhariwal 2021, eq. 16. */
    public static final double LAMBDA = 0.001;

    private final Schedule schedule;
    private final Parametrization parametrization;
    private final boolean learned;
    private final double simpleWeight;
    private final double vlbWeight;
    private final TimestepSampler timesteps;
    private final VariationalTerms terms;

    /** simpleWeight·L_simple + vlbWeight·T·L_{t−1}; the mean is frozen in L_vlb whenever simpleWeight &gt; 0. */
    HybridLoss(Schedule schedule, Parametrization parametrization, ReverseVariance variance, double simpleWeight,
               double vlbWeight, TimestepSampler timesteps, Decoder decoder) {
        this.schedule = schedule;
        this.parametrization = parametrization;
        this.learned = variance.learned();
        this.simpleWeight = simpleWeight;
        this.vlbWeight = vlbWeight;
        this.timesteps = timesteps;
        this.terms = new VariationalTerms(TimeGrid.full(schedule), decoder, variance);
    }

    /** L_simple + 0.001·L_vlb with a learned variance (Nichol &amp; Dhariwal 2021, eq. 16). */
    public static HybridLoss hybrid(Schedule schedule, Parametrization parametrization, TimestepSampler timesteps, Decoder decoder) {
        return new HybridLoss(schedule, parametrization, ReverseVariance.LEARNED, 1, LAMBDA, timesteps, decoder);
    }

    /** L_vlb alone, with any reverse variance. */
    public static HybridLoss vlb(Schedule schedule, Parametrization parametrization, ReverseVariance variance,
                                 TimestepSampler timesteps, Decoder decoder) {
        return new HybridLoss(schedule, parametrization, variance, 0, 1, timesteps, decoder);
    }

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x0 = batch.x0();
        int b = Math.toIntExact(x0.getShape().get(0));
        int T = schedule.T();
        TimestepSampler.Draw draw = timesteps.draw(b, T, noise);
        int[] steps = new int[b];
        for (int i = 0; i < b; i++) {
            steps[i] = T - draw.t()[i]; // step i of the full grid starts at t = T − i
        }
        NoisedBatch nb = NoisedBatch.atSteps(schedule, draw.t(), x0, noise);
        NDArray out = nb.forward(net, batch.condition());
        NDArray mean = out;
        NDArray fraction = null;
        if (learned) {
            NDList parts = LearnedVariance.split(out);
            mean = parts.get(0);
            fraction = parts.get(1);
        }
        NDArray x0Hat = parametrization.x0(simpleWeight > 0 ? mean.stopGradient() : mean, nb.xt(), nb.alpha(), nb.sigma());
        NDArray vlbTerm = terms.terms(x0, nb.xt(), x0Hat, fraction, steps);
        if (timesteps.adaptive()) {
            timesteps.observe(draw.t(), vlbTerm.toType(DataType.FLOAT64, false).toDoubleArray());
        }
        double dims = (double) x0.getShape().size() / b;
        // factors as live arrays: autograd keeps them, and DJL frees the tensor it makes of a Java scalar at once
        NDArray perSample = vlbTerm.mul(PerSample.scalar(vlbWeight * T / (dims * Math.log(2)), vlbTerm));
        if (simpleWeight > 0) {
            NDArray target = nb.target(parametrization);
            NDArray simple = PerSample.meanPerSample(mean.sub(target).square());
            perSample = perSample.add(simple.mul(PerSample.scalar(simpleWeight, simple)));
        }
        return perSample.mul(x0.getManager().create(toFloats(draw.weights()))).mean();
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
