package io.diffusion4j.app.channel.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.Channel;
import io.diffusion4j.app.channel.ChannelLearner;
import io.diffusion4j.app.channel.ChannelSampler;
import io.diffusion4j.app.channel.ChannelType;
import io.diffusion4j.app.channel.PowerConvention;
import io.diffusion4j.app.channel.TapProfile;
import io.diffusion4j.app.channel.WganChannel;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.train.TrainConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options every coding run shares: channel, M, n, Eb/N0, method, DDIM steps, seed and output folder. */
final class RunOptions {
    static final int DATASET = 100_000;
    static final int DIFFUSION_STEPS = 10_000;
    static final int WGAN_STEPS = 3_000;
    /** The largest code: M messages (one-hot inputs of M) and n real channel uses. */
    static final int MAX_MESSAGES = 65_536;
    static final int MAX_CHANNEL_USES = 4_096;
    /** The --channel option's description. */
    static final String CHANNELS = "awgn, rayleigh, rayleigh-csi (block fading), rayleigh-fast, rayleigh-fast-csi (per-symbol fading), "
            + "sspa, tdl or tdl-cp (tapped delay line without / with cyclic prefix); default ${DEFAULT-VALUE}";

    @Option(names = "--channel", defaultValue = "awgn", description = CHANNELS)
    String channel;

    @Option(names = "--M", defaultValue = "16", description = "messages (a power of two); default ${DEFAULT-VALUE}")
    int messages;

    @Option(names = "--n", defaultValue = "7", description = "real channel uses per message; default ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--ebn0", defaultValue = "5", description = "training Eb/N0 in dB; default ${DEFAULT-VALUE}")
    String ebn0;

    @Option(names = "--method", defaultValue = "diffusion", description = "diffusion, wgan (or true for train-ae); default ${DEFAULT-VALUE}")
    String method;

    @Option(names = "--ddim-steps", defaultValue = "10", description = "sampling steps of the diffusion channel (10–20); default ${DEFAULT-VALUE}")
    int ddimSteps;

    @Option(names = "--sampler", defaultValue = "ddim",
            description = "sampler of the diffusion channel: ddim (η = 0, the papers') or dpmpp-2m (DPM-Solver++(2M): same "
                    + "cost, no DDIM under-dispersion of the noise; dpm2m is accepted too); default ${DEFAULT-VALUE}")
    String sampler;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights, batches and noise; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "runs/channel", description = "output folder; default ${DEFAULT-VALUE}")
    Path out;

    @picocli.CommandLine.Mixin
    TapOptions tapOptions = new TapOptions();

    private ChannelType type;
    private double eb;
    private TapProfile taps;

    /** Checks every shared option; {@code spec} is the command's, for options that do not apply. */
    void validate(picocli.CommandLine.Model.CommandSpec spec) {
        type = Inputs.channel(channel);
        OutputPaths.requireWritableDir(out, "--out");
        Inputs.messages(messages);
        Inputs.bounded("--M", messages, MAX_MESSAGES);
        Inputs.dimension(n);
        Inputs.bounded("--n", n, MAX_CHANNEL_USES);
        taps = tapOptions.profile(type, n, spec);
        eb = Inputs.singleEbN0(ebn0);
        Inputs.positive("--ddim-steps", ddimSteps);
        if (ddimSteps > 100) {
            throw new IllegalArgumentException("--ddim-steps must be <= T = 100, got " + ddimSteps);
        }
        channelSampler();
    }

    ChannelSampler channelSampler() {
        return ChannelSampler.parse(sampler);
    }

    String method(String... allowed) {
        return Inputs.choice("--method", method, allowed);
    }

    ChannelType type() {
        return type;
    }

    double ebN0() {
        return eb;
    }

    double sigma() {
        return PowerConvention.noiseStd(eb, messages, n);
    }

    Channel trueChannel() {
        return type.at(sigma(), taps);
    }

    /** The true channel at Eb/N0 {@code ebN0Db}. */
    Channel trueChannel(double ebN0Db) {
        return type.at(PowerConvention.noiseStd(ebN0Db, messages, n), taps);
    }

    /** The facts stored beside every model: channel, Eb/N0, σ, M, n. */
    Map<String, Object> facts() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channel", type.id());
        if (type.tapped()) {
            m.put("taps", taps.taps());
            m.put("tap_decay", taps.decay());
        }
        m.put("ebn0", eb);
        m.put("sigma", sigma());
        m.put("M", messages);
        m.put("n", n);
        m.put("seed", seed);
        m.put("sampler", channelSampler().id() + "-" + ddimSteps);
        return m;
    }

    int modelSteps(String m, ModelOptions model) {
        return model.steps(m.equals("wgan") ? WGAN_STEPS : DIFFUSION_STEPS);
    }

    ChannelLearner learner(String m, ModelOptions model, NDManager manager) {
        int steps = modelSteps(m, model);
        if (m.equals("wgan")) {
            return ChannelLearner.wgan(WganChannel.Settings.defaults(steps, seed), manager);
        }
        TrainConfig tc = TrainConfig.defaults(steps, 512, seed).withLr(model.lr);
        return ChannelLearner.diffusion(model.config(n, 128), tc, channelSampler(), ddimSteps, manager);
    }
}
