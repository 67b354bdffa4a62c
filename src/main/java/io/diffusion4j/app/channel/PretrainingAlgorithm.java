package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.train.TrainListener;

/**
 * The pretraining algorithm (Kim, Fritschek &amp; Schaefer 2023, Algorithm 1): measure the true channel once on
 * inputs x ~ N(0, I_n) — covering whatever an encoder will later send — and fit the channel model to those pairs;
 * freeze it; then train encoder and decoder end to end through the frozen model, back-propagating through its
 * sampling chain (DDIM, 10–20 steps, for the diffusion model). The true channel is only ever sampled, never
 * differentiated.
 *
 * @param dataset measured (x, y) pairs
 * @param ae      autoencoder optimisation
 */
public record PretrainingAlgorithm(int dataset, AutoencoderTraining ae) {

    /** What the algorithm produced: the trained autoencoder and the frozen channel model it was trained through. */
    public record Result(Autoencoder autoencoder, Channel model) {
    }

    public Result run(Channel truth, Autoencoder autoencoder, ChannelLearner learner, NDManager manager,
                      TrainListener modelListener, TrainListener aeListener) {
        NoiseSource noise = new NoiseSource(ae.seed()).fork(0x9E7AL);
        ChannelData data = ChannelData.measure(truth, ChannelData.gaussianInputs(dataset, autoencoder.n(), noise.fork(1)),
                manager, noise.fork(2));
        Channel model = learner.fit(data, modelListener);
        ae.train(autoencoder, model, aeListener);
        return new Result(autoencoder, model);
    }
}
