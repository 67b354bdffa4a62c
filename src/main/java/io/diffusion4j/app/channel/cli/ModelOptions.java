package io.diffusion4j.app.channel.cli;

import io.diffusion4j.app.channel.DiffusionChannelConfig;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.ScheduleSpec;
import picocli.CommandLine.Option;

/** The diffusion channel model's options, shared by toy, train-model and train-ae. */
final class ModelOptions {
    @Option(names = "--schedule", defaultValue = "cosine-zt",
            description = "cosine-zt (zero-terminal-SNR cosine, the journal's), sigmoid, or constant (β = 0.05, the tutorial's); T = 100; default ${DEFAULT-VALUE}")
    String schedule;

    @Option(names = "--prediction", description = "eps, x0 or v (default: v, or eps with --schedule constant)")
    String prediction;

    @Option(names = "--hidden", description = "width of the 3 hidden layers (default 64 for the toy, 128 otherwise)")
    Integer hidden;

    @Option(names = "--model-steps", description = "channel-model training steps")
    Integer steps;

    @Option(names = "--model-lr", defaultValue = "1e-3", description = "channel-model learning rate; default ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--dataset", description = "measured (x, y) pairs")
    Integer dataset;

    /** The options only the diffusion model reads (a WGAN has its own settings). */
    static final String[] DIFFUSION_ONLY = {"--schedule", "--prediction", "--hidden", "--model-lr"};
    /** Every option of the model fit (nothing is fitted through the true channel or a restored model). */
    static final String[] ALL = {"--schedule", "--prediction", "--hidden", "--model-lr", "--model-steps", "--dataset"};

    DiffusionChannelConfig config(int n, int defaultHidden) {
        String s = Inputs.choice("--schedule", schedule, "cosine-zt", "sigmoid", "constant");
        ScheduleSpec spec = switch (s) {
            case "cosine-zt" -> ScheduleSpec.of("cosine", 100).withZeroTerminalSnr(true);
            case "sigmoid" -> ScheduleSpec.of("sigmoid", 100);
            default -> new ScheduleSpec("constant", 100, 0.05, null, false);
        };
        Parametrization p = prediction != null ? Parametrization.parse(prediction)
                : s.equals("constant") ? Parametrization.EPS : Parametrization.V;
        int h = Inputs.bounded("--hidden", hidden == null ? defaultHidden : hidden, Limits.MAX_WIDTH);
        double params = 3.0 * h * h + (2.0 * n + 200) * h;
        Limits.requireMemory("--hidden " + h, 0, Limits.trainingBytes(params, 512.0 * 8 * 3 * h));
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--model-lr must be > 0, got " + lr);
        }
        return new DiffusionChannelConfig(n, new int[] {h, h, h}, spec, p);
    }

    int steps(int dflt) {
        return Inputs.bounded("--model-steps", steps == null ? dflt : steps, Limits.MAX_TRAIN_STEPS);
    }

    int dataset(int dflt) {
        return Inputs.bounded("--dataset", dataset == null ? dflt : dataset, Limits.MAX_POINTS);
    }
}
