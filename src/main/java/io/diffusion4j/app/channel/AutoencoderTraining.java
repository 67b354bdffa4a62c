package io.diffusion4j.app.channel;

import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

/**
 * Trains an {@link Autoencoder} end to end through a channel with the core trainer and
 * {@link Autoencoder#endToEndLoss}: Adam at {@code lr}, then the last {@code fineTune} fraction of the steps at lr/10
 * (two trainer phases; the core trainer keeps a constant rate after warm-up), gradient clipping at 1.0, no EMA.
 * When the channel is a frozen learned model (diffusion or WGAN) this is the second half of the pretraining
 * algorithm (Kim et al. 2023, Algorithm 1, lines 6–10): gradients pass through the model to the encoder.
 *
 * @param steps    optimiser steps in all
 * @param batch    messages per step
 * @param lr       Adam learning rate of the first phase
 * @param fineTune fraction of the steps run at lr/10
 * @param seed     seed of the message and channel draws
 */
public record AutoencoderTraining(int steps, int batch, double lr, double fineTune, long seed) {

    public AutoencoderTraining {
        if (steps < 1 || batch < 1 || !(lr > 0) || !(fineTune >= 0 && fineTune < 1)) {
            throw new IllegalArgumentException("autoencoder training needs steps, batch >= 1, lr > 0 and fine-tune fraction in [0, 1)");
        }
    }

    /** Trains {@code ae} in place; the listener sees steps numbered 1..steps across both phases. */
    public void train(Autoencoder ae, Channel channel, TrainListener listener) {
        int second = (int) Math.round(steps * fineTune);
        int first = steps - second;
        phase(ae, channel, first, lr, 0, seed, listener);
        if (second > 0) {
            phase(ae, channel, second, lr / 10, first, seed + 1, listener);
        }
    }

    private void phase(Autoencoder ae, Channel channel, int n, double rate, int offset, long s, TrainListener listener) {
        if (n == 0) {
            return;
        }
        TrainConfig config = TrainConfig.defaults(n, batch, s).withLr(rate).withEma(0).withWarmup(offset == 0 ? Math.min(100, n / 10) : 0);
        try (Trainer trainer = new Trainer(ae.network(), Autoencoder.endToEndLoss(channel), ae.messageBatches(), config)) {
            while (!trainer.done()) {
                TrainListener.Step st = trainer.trainStep();
                listener.onStep(new TrainListener.Step(st.step() + offset, steps, st.loss(), st.lr(), st.gradNorm()));
            }
        }
    }
}
