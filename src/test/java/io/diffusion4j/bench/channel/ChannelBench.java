package io.diffusion4j.bench.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.app.channel.Autoencoder;
import io.diffusion4j.app.channel.AwgnChannel;
import io.diffusion4j.app.channel.Channel;
import io.diffusion4j.app.channel.DiffusionChannel;
import io.diffusion4j.app.channel.DiffusionChannelConfig;
import io.diffusion4j.app.channel.PowerConvention;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

import java.util.Locale;

/**
 * Benchmark (bench/channel/run.sh runs it beside torch_bench.py): DDIM-10 channel-sample throughput of the
 * journal's channel model (MLP 3×128, n = 7, zero-terminal-SNR cosine, v-prediction) and the autoencoder's training
 * step time, through AWGN and through the DDIM-10 chain. Prints "key value" lines; the thread count is set by the
 * caller (-Dai.djl.pytorch.num_threads).
 *
 * <p>Usage: ChannelBench [seconds-per-measurement]
 */
public final class ChannelBench {
    private ChannelBench() {
    }

    public static void main(String[] args) {
        double budget = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        try (NDManager m = Engines.newManager()) {
            DiffusionChannelConfig cfg = DiffusionChannelConfig.journal(7);
            Network net = Network.create(cfg.mlp(), m, 0);
            net.block().freezeParameters(true);
            DiffusionChannel ddim = DiffusionChannel.ddim(DiffusionChannel.conditioned(net, cfg), cfg.schedule().build(), 10);
            NoiseSource noise = new NoiseSource(1);
            for (int batch : new int[] {16, 256, 4096}) {
                NDArray c = noise.normal(m, new Shape(batch, 7));
                double sec = timed(() -> {
                    try (NDManager sm = m.newSubManager()) {
                        ddim.transmit(c, noise).toFloatArray();
                    }
                }, budget);
                System.out.printf(Locale.ROOT, "ddim10_samples_per_s_b%d %.1f%n", batch, batch / sec);
            }
            double sigma = PowerConvention.noiseStd(5, 16, 7);
            System.out.printf(Locale.ROOT, "ae_step_ms_awgn_b1000 %.3f%n", 1e3 * aeStep(new AwgnChannel(sigma), 1000, m, budget));
            System.out.printf(Locale.ROOT, "ae_step_ms_ddim10_b256 %.3f%n", 1e3 * aeStep(ddim, 256, m, budget));
        }
    }

    private static double aeStep(Channel channel, int batch, NDManager m, double budget) {
        Autoencoder ae = Autoencoder.create(16, 7, m, 2);
        TrainConfig config = TrainConfig.defaults(1_000_000, batch, 3).withEma(0);
        try (Trainer trainer = new Trainer(ae.network(), Autoencoder.endToEndLoss(channel), ae.messageBatches(), config)) {
            return timed(trainer::trainStep, budget);
        }
    }

    private static double timed(Runnable r, double budget) {
        r.run(); // warm-up
        long t0 = System.nanoTime();
        int n = 0;
        while ((System.nanoTime() - t0) / 1e9 < budget || n < 3) {
            r.run();
            n++;
        }
        return (System.nanoTime() - t0) / 1e9 / n;
    }
}
