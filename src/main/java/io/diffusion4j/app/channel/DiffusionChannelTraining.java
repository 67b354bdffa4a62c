package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.model.Network;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

/**
 * Fits a conditional diffusion model of p(y | x) to channel measurements with the core's trainer and denoising
 * objective (Ho et al. 2020, Algorithm 1, with the condition x fed beside y_t): batches of (y, x) pairs drawn by
 * {@link PointBatches}, Adam, gradient clipping at 1.0, EMA. The returned network carries the EMA weights and is
 * frozen (no parameter gradients), ready to serve as a {@link DiffusionChannel}.
 */
public final class DiffusionChannelTraining {
    private DiffusionChannelTraining() {
    }

    /** A new network for {@code config}, trained on {@code data}. */
    public static Network train(DiffusionChannelConfig config, ChannelData data, TrainConfig train, NDManager manager,
                                TrainListener listener) {
        Network net = Network.create(config.mlp(), manager, train.seed());
        fit(net, config, data, train, listener);
        return net;
    }

    /** Continues training {@code net} on {@code data} (the iterative algorithm refits on each encoder's outputs). */
    public static void fit(Network net, DiffusionChannelConfig config, ChannelData data, TrainConfig train, TrainListener listener) {
        if (data.inputs().d() != config.n()) {
            throw new IllegalArgumentException("measurements have n = " + data.inputs().d() + ", the model n = " + config.n());
        }
        net.block().freezeParameters(false);
        DenoisingObjective objective = new DenoisingObjective(config.schedule().build(), config.prediction(),
                LossWeighting.NONE, TimestepSampler.UNIFORM);
        try (Trainer trainer = new Trainer(net, objective, new PointBatches(data.outputs(), data.inputs()), train)) {
            while (!trainer.done()) {
                listener.onStep(trainer.trainStep());
            }
            net.load(trainer.samplingWeights());
        }
        net.block().freezeParameters(true);
    }
}
