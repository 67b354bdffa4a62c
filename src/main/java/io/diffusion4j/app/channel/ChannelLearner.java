package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.diffusion4j.model.Network;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a channel model is learned from measurements: fit (or, when called again, refit) to (x, y) pairs and return
 * the frozen model as a differentiable {@link Channel}. The pretraining algorithm calls it once on Gaussian inputs;
 * the iterative algorithm calls it every round on the current encoder's outputs. {@link #save} and
 * {@link #restore} keep a fitted model as channel-model.json + channel-model.safetensors.
 */
public interface ChannelLearner {

    /** The file stem of a saved channel model. */
    String FILE = "channel-model";

    Channel fit(ChannelData data, TrainListener listener);

    /** "diffusion" or "wgan". */
    String name();

    /** The fitted network (diffusion denoiser or WGAN generator); null before the first fit. */
    Network network();

    /** What {@link #restore} needs besides the weights. */
    Map<String, Object> description();

    /** Writes the fitted model and {@code extra} facts (channel, Eb/N0, …) to DIR. */
    default void save(Path dir, Map<String, Object> extra) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>(description());
        d.putAll(extra);
        ChannelFiles.save(dir, FILE, network(), d);
    }

    /** The conditional diffusion model, sampled by {@code sampler} on {@code steps} levels; refits continue training. */
    static ChannelLearner diffusion(DiffusionChannelConfig config, TrainConfig train, ChannelSampler sampler, int steps, NDManager manager) {
        return new ChannelLearner() {
            private Network net;

            @Override
            public Channel fit(ChannelData data, TrainListener listener) {
                if (net == null) {
                    net = DiffusionChannelTraining.train(config, data, train, manager, listener);
                } else {
                    DiffusionChannelTraining.fit(net, config, data, train, listener);
                }
                return sampler.channel(DiffusionChannel.conditioned(net, config), config.schedule().build(), steps);
            }

            @Override
            public String name() {
                return "diffusion";
            }

            @Override
            public Network network() {
                return net;
            }

            @Override
            public Map<String, Object> description() {
                return new LinkedHashMap<>(Map.of("method", "diffusion", "config", config));
            }
        };
    }

    /** The WGAN baseline; each fit trains a new generator and critic. */
    static ChannelLearner wgan(WganChannel.Settings settings, NDManager manager) {
        return new ChannelLearner() {
            private WganChannel channel;

            @Override
            public Channel fit(ChannelData data, TrainListener listener) {
                channel = WganChannel.train(data, settings, manager, listener);
                return channel;
            }

            @Override
            public String name() {
                return "wgan";
            }

            @Override
            public Network network() {
                return channel == null ? null : channel.generator();
            }

            @Override
            public Map<String, Object> description() {
                return new LinkedHashMap<>(Map.of("method", "wgan", "generator", channel.generator().spec()));
            }
        };
    }

    /** A saved channel model as a frozen channel; diffusion models are sampled by {@code sampler} on {@code steps} levels. */
    static Channel restore(Path dir, NDManager manager, ChannelSampler sampler, int steps) throws IOException {
        JsonObject d = ChannelFiles.readDescription(dir, FILE);
        String method = d.get("method").getAsString();
        Network net;
        Channel channel;
        if (method.equals("diffusion")) {
            DiffusionChannelConfig config = ChannelFiles.fromJson(d.get("config"), DiffusionChannelConfig.class);
            net = Network.create(config.mlp(), manager, 0);
            channel = sampler.channel(DiffusionChannel.conditioned(net, config), config.schedule().build(), steps);
        } else if (method.equals("wgan")) {
            net = Network.create(ChannelFiles.fromJson(d.get("generator"), PlainMlpSpec.class), manager, 0);
            channel = new WganChannel(net);
        } else {
            throw new IllegalArgumentException("unknown channel-model method '" + method + "' in " + dir);
        }
        ChannelFiles.loadWeights(dir, FILE, net);
        net.block().freezeParameters(true);
        return channel;
    }
}
