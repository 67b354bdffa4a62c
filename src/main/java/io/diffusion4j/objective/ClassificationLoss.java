package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.PerSample;

/**
 * Cross-entropy −log p_φ(y | x) of a classifier network, on clean images ({@code schedule} null) or, for classifier
 * guidance, on noisy images x_t = √ᾱ_t·x₀ + √(1−ᾱ_t)·ε with t ~ Uniform{1..T} fed to the network (Dhariwal &amp;
 * Nichol 2021, §4: "train a classifier p_φ(y | x_t, t) on noisy images"). The batch's condition holds the labels.
 */
public record ClassificationLoss(Schedule schedule) implements TrainingLoss {

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x = batch.x0();
        int b = (int) x.getShape().get(0);
        float[] time = new float[b];
        if (schedule != null) {
            int[] t = noise.ints(b, 1, schedule.T());
            double[] alpha = new double[b];
            double[] sigma = new double[b];
            for (int i = 0; i < b; i++) {
                NoiseLevel level = schedule.level(t[i]);
                alpha[i] = level.alpha();
                sigma[i] = level.sigma();
                time[i] = t[i];
            }
            x = ForwardProcess.qSample(x, noise.normal(x.getManager(), x.getShape()), PerSample.of(alpha, x), PerSample.of(sigma, x));
        }
        NDArray logits = net.forward(x, x.getManager().create(time), null, true);
        return crossEntropy(logits, batch.condition());
    }

    /** Mean of −log softmax(logits)[y] over the batch; labels (B) as floats or integers. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
