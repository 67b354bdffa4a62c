package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.PerSample;

/**
 * The denoising objective of a discrete diffusion (Ho et al. 2020, Algorithm 1, generalised): t from the timestep
 * sampler, ε ~ N(0, I), x_t = √ᾱ_t x₀ + √(1−ᾱ_t) ε ({@link NoisedBatch}), and the MSE between the network output
 * and the parametrization's target, weighted per sample by {@link LossWeighting#factor}. The network sees the index t.
 */
public record DenoisingObjective(Schedule schedule, Parametrization parametrization, LossWeighting weighting,
                                 TimestepSampler timesteps) implements TrainingLoss {

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x0 = batch.x0();
        int b = (int) x0.getShape().get(0);
        TimestepSampler.Draw draw = timesteps.draw(b, schedule.T(), noise);
        NoisedBatch nb = NoisedBatch.atSteps(schedule, draw.t(), x0, noise);
        double[] factor = new double[b];
        for (int i = 0; i < b; i++) {
            factor[i] = weighting.factor(nb.levels().get(i), parametrization) * draw.weights()[i];
        }
        NDArray out = nb.forward(net, batch.condition());
        NDArray target = nb.target(parametrization);
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
