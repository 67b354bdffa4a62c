package io.diffusion4j.app.channel;

import io.diffusion4j.train.RmsProp;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.train.TrainListener;

/**
 * The WGAN channel model, the baseline of Kim et al. 2023 (after O'Shea et al. 2018 and Ye et al. 2018): a generator
 * G([x, z]) → y with z ~ N(0, I_n) and a critic D([y, x]) trained by Wasserstein GAN with weight clipping (Arjovsky,
 * Chintala &amp; Bottou 2017, Algorithm 1): per generator step, {@code criticSteps} critic steps maximising
 * E D(y, x) − E D(G(x, z), x), RMSprop, critic weights clipped to ±{@code clip}; then the generator minimises
 * −E D(G(x, z), x). It needs two networks and two optimisers stepping in turn, which the core trainer (one
 * network, one loss) does not do; this is that loop. As a {@link Channel} the frozen generator is differentiable
 * in x.
 *
 * @param generator the trained generator
 */
public record WganChannel(Network generator) implements Channel {

    /** Settings of Algorithm 1: generator steps, batch, RMSprop rate, clip c, critic steps per generator step. */
    public record Settings(int steps, int batch, double lr, double clip, int criticSteps, int[] hidden, long seed) {
        public static Settings defaults(int steps, long seed) {
            return new Settings(steps, 256, 5e-5, 0.01, 5, new int[] {128, 128, 128}, seed);
        }
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        NDArray z = noise.normal(x.getManager(), x.getShape());
        return generator.forward(z, zeros(x), x, false);
    }

    private static NDArray zeros(NDArray x) {
        return x.getManager().zeros(new Shape(x.getShape().get(0)), DataType.FLOAT32);
    }

    @Override
    public String name() {
        return "wgan";
    }

    /** Trains a generator on measured pairs; the listener sees the critic's Wasserstein estimate as "loss". */
    public static WganChannel train(ChannelData data, Settings s, NDManager manager, TrainListener listener) {
        int n = data.inputs().d();
        Network gen = Network.create(new PlainMlpSpec(n, n, s.hidden(), n), manager, s.seed());
        Network critic = Network.create(new PlainMlpSpec(n, n, s.hidden(), 1), manager, s.seed() + 1);
        clip(critic, s.clip());
        RmsProp optG = new RmsProp(gen.manager(), 0.99, 1e-8);
        RmsProp optD = new RmsProp(critic.manager(), 0.99, 1e-8);
        PointBatches pairs = new PointBatches(data.outputs(), data.inputs());
        NoiseSource root = new NoiseSource(s.seed()).fork(0x6A11L);
        for (int k = 1; k <= s.steps(); k++) {
            double wasserstein = 0;
            for (int c = 0; c < s.criticSteps(); c++) {
                NoiseSource noise = root.fork(k * 64L + c);
                try (NDManager sm = manager.newSubManager()) {
                    Batch b = pairs.next(sm, s.batch(), noise);
                    NDArray fake = new WganChannel(gen).transmit(b.condition(), noise).stopGradient();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray w = score(critic, b.x0(), b.condition()).sub(score(critic, fake, b.condition()));
                        wasserstein = w.getFloat();
                        gc.backward(w.neg());
                    }
                }
                optD.step(critic.parameters(), s.lr());
                clip(critic, s.clip());
            }
            NoiseSource noise = root.fork(k * 64L + 63);
            try (NDManager sm = manager.newSubManager()) {
                NDArray x = pairs.next(sm, s.batch(), noise).condition();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(score(critic, new WganChannel(gen).transmit(x, noise), x).neg());
                }
            }
            optG.step(gen.parameters(), s.lr());
            critic.parameters().values().forEach(p -> clearGradient(p));
            listener.onStep(new TrainListener.Step(k, s.steps(), wasserstein, s.lr(), Double.NaN));
        }
        critic.close();
        gen.block().freezeParameters(true);
        return new WganChannel(gen);
    }

    private static NDArray score(Network critic, NDArray y, NDArray x) {
        return critic.forward(y, zeros(y), x, true).mean();
    }

    private static void clip(Network critic, double c) {
        for (NDArray w : critic.parameters().values()) {
            try (NDScope scope = new NDScope()) {
                NDArray d = w.stopGradient();
                d.subi(d.sub(d.clip(-c, c)));
                scope.suppressNotUsedWarning();
            }
        }
    }

    private static void clearGradient(NDArray p) {
        try (NDScope scope = new NDScope()) {
            p.getGradient().muli(0);
            scope.suppressNotUsedWarning();
        }
    }
}
