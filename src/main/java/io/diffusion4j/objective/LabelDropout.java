package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;

/**
 * Label dropout for classifier-free guidance (Ho &amp; Salimans 2022, Algorithm 1): each sample's label is replaced
 * by the null class with probability {@code pUncond} before the wrapped loss sees the batch, so one network learns
 * both ε(x, c) and ε(x, ∅). The drops come from a fork of the step's noise source, leaving the wrapped loss's own
 * draws unchanged.
 */
public record LabelDropout(TrainingLoss inner, double pUncond, int nullClass) implements TrainingLoss {
    private static final long STREAM = 0x1ABE1L;

    public LabelDropout {
        if (!(pUncond >= 0 && pUncond <= 1)) {
            throw new IllegalArgumentException("label-dropout probability must be in [0, 1], got " + pUncond);
        }
    }

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        if (batch.condition() == null) {
            throw new IllegalArgumentException("label dropout needs labelled batches");
        }
        float[] labels = batch.condition().toFloatArray();
        NoiseSource drops = noise.fork(STREAM);
        for (int i = 0; i < labels.length; i++) {
            if (drops.nextDouble() < pUncond) {
                labels[i] = nullClass;
            }
        }
        NDArray dropped = batch.x0().getManager().create(labels, batch.condition().getShape());
        return inner.loss(net, new Batch(batch.x0(), dropped), noise);
    }
}
