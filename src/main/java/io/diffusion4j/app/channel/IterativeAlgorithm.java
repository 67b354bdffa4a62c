package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.train.TrainListener;

/**
 * The iterative (alternating) algorithm the pretraining algorithm is compared with (Kim et al. 2023, §III-B, after
 * O'Shea et al. 2018 and Ye et al. 2018): each round measures the true channel on the current encoder's outputs
 * for uniform messages, refits the channel model to them, and trains the autoencoder through the refitted model.
 * The model therefore only ever sees the M current codewords, which is the weakness the pretraining algorithm removes.
 *
 * @param rounds  alternations
 * @param dataset measured pairs per round
 * @param ae      autoencoder optimisation per round (its seed is offset by the round)
 */
public record IterativeAlgorithm(int rounds, int dataset, AutoencoderTraining ae) {

    public IterativeAlgorithm {
        if (rounds < 1 || dataset < 1) {
            throw new IllegalArgumentException("the iterative algorithm needs rounds and dataset >= 1");
        }
    }

    public PretrainingAlgorithm.Result run(Channel truth, Autoencoder autoencoder, ChannelLearner learner, NDManager manager,
                                           TrainListener modelListener, TrainListener aeListener) {
        NoiseSource noise = new NoiseSource(ae.seed()).fork(0x17E2L);
        Channel model = null;
        for (int r = 0; r < rounds; r++) {
            NoiseSource round = noise.fork(r);
            ChannelData data = ChannelData.measure(truth, ChannelData.codewordInputs(autoencoder, dataset, manager, round.fork(1)),
                    manager, round.fork(2));
            model = learner.fit(data, modelListener);
            new AutoencoderTraining(ae.steps(), ae.batch(), ae.lr(), ae.fineTune(), ae.seed() + 1000L * r)
                    .train(autoencoder, model, aeListener);
        }
        return new PretrainingAlgorithm.Result(autoencoder, model);
    }
}
