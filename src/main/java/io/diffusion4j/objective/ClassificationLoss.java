package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.Schedule;

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
        if (schedule == null) {
            return crossEntropy(net.forward(x, x.getManager().create(new float[b]), null, true), batch.condition());
        }
        NoisedBatch nb = NoisedBatch.atSteps(schedule, noise.ints(b, 1, schedule.T()), x, noise);
        return crossEntropy(nb.forward(net, null), batch.condition());
    }

    /** Mean of −log softmax(logits)[y] over the batch; labels (B) as floats or integers. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1)).toType(DataType.FLOAT32, false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
