package io.diffusion4j.objective;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.PerSample;

import java.util.List;

/**
 * A training batch noised by the forward process (Ho et al. 2020, Algorithm 1, lines 2–5; Song et al. 2021, eq. 7):
 * at one noise level per sample, ε ~ N(0, I) and x_t = α·x₀ + σ·ε ({@link ForwardProcess#qSample}), with the
 * regression target of the network's parametrization at hand ({@link #target}). Every loss that noises its batch
 * draws it here, so ε is drawn once, after the levels, in the same way for all of them.
 *
 * @param x0     the clean batch
 * @param levels the noise level of each sample
 * @param time   the network's time input per sample (B): the index t, or a scaled continuous t
 * @param alpha  α per sample, broadcastable against x₀
 * @param sigma  σ per sample, broadcastable against x₀
 * @param eps    the drawn noise ε, shaped like x₀
 * @param xt     x_t = α·x₀ + σ·ε
 */
public record NoisedBatch(NDArray x0, List<NoiseLevel> levels, NDArray time, NDArray alpha, NDArray sigma, NDArray eps,
                          NDArray xt) {

    public NoisedBatch {
        levels = List.copyOf(levels);
    }

    /** x₀ noised at {@code levels}, the network seeing {@code time}; ε is the next draw of {@code noise}. */
    public static NoisedBatch draw(NDArray x0, List<NoiseLevel> levels, float[] time, NoiseSource noise) {
        int b = levels.size();
        double[] a = new double[b];
        double[] s = new double[b];
        for (int i = 0; i < b; i++) {
            a[i] = levels.get(i).alpha();
            s[i] = levels.get(i).sigma();
        }
        NDArray alpha = PerSample.of(a, x0);
        NDArray sigma = PerSample.of(s, x0);
        NDArray eps = noise.normal(x0.getManager(), x0.getShape());
        return new NoisedBatch(x0, levels, x0.getManager().create(time), alpha, sigma, eps,
                ForwardProcess.qSample(x0, eps, alpha, sigma));
    }

    /** x₀ noised at the discrete steps {@code t} of {@code schedule}, the network seeing the index t. */
    public static NoisedBatch atSteps(Schedule schedule, int[] t, NDArray x0, NoiseSource noise) {
        NoiseLevel[] levels = new NoiseLevel[t.length];
        float[] time = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            levels[i] = schedule.level(t[i]);
            time[i] = t[i];
        }
        return draw(x0, List.of(levels), time, noise);
    }

    /** The regression target of {@code parametrization} for this draw: ε, x₀ or v. */
    public NDArray target(Parametrization parametrization) {
        return parametrization.target(x0, eps, alpha, sigma);
    }

    /** The network's training-mode output on x_t, with the batch's condition (null for none). */
    public NDArray forward(Network net, NDArray condition) {
        return net.forward(xt, time, condition, true);
    }
}
