package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.PerSample;

/**
 * The denoising objective of a discrete diffusion (Ho et al. 2020, Algorithm 1, generalised): t from the timestep
 * sampler, ε ~ N(0, I), x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε, and the MSE between the network output and the
 * parametrization's target, weighted per sample by {@link LossWeighting#factor}. The network sees the index t.
 */
public record DenoisingObjective(Schedule schedule, Parametrization parametrization, LossWeighting weighting,
                                 TimestepSampler timesteps) implements TrainingLoss {

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x0 = batch.x0();
        int b = (int) x0.getShape().get(0);
        TimestepSampler.Draw draw = timesteps.draw(b, schedule.T(), noise);
        double[] alpha = new double[b];
        double[] sigma = new double[b];
        double[] factor = new double[b];
        float[] time = new float[b];
        for (int i = 0; i < b; i++) {
            NoiseLevel level = schedule.level(draw.t()[i]);
            alpha[i] = level.alpha();
            sigma[i] = level.sigma();
            factor[i] = weighting.factor(level, parametrization) * draw.weights()[i];
            time[i] = draw.t()[i];
        }
        NDArray a = PerSample.of(alpha, x0);
        NDArray s = PerSample.of(sigma, x0);
        NDArray eps = noise.normal(x0.getManager(), x0.getShape());
        NDArray xt = ForwardProcess.qSample(x0, eps, a, s);
        NDArray out = net.forward(xt, x0.getManager().create(time), batch.condition(), true);
        NDArray target = parametrization.target(x0, eps, a, s);
        NDArray perSample = PerSample.meanPerSample(out.sub(target).square());
        if (timesteps.adaptive()) {
            timesteps.observe(draw.t(), toDoubles(perSample));
        }
        return perSample.mul(x0.getManager().create(toFloats(factor))).mean();
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
