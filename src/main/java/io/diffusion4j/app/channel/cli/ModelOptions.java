package io.diffusion4j.app.channel.cli;

import io.diffusion4j.app.channel.DiffusionChannelConfig;
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

    DiffusionChannelConfig config(int n, int defaultHidden) {
        String s = Inputs.choice("--schedule", schedule, "cosine-zt", "sigmoid", "constant");
        ScheduleSpec spec = switch (s) {
            case "cosine-zt" -> ScheduleSpec.of("cosine", 100).withZeroTerminalSnr(true);
            case "sigmoid" -> ScheduleSpec.of("sigmoid", 100);
            default -> new ScheduleSpec("constant", 100, 0.05, null, false);
        };
        Parametrization p = prediction != null ? Parametrization.parse(prediction)
                : s.equals("constant") ? Parametrization.EPS : Parametrization.V;
        int h = Inputs.positive("--hidden", hidden == null ? defaultHidden : hidden);
        return new DiffusionChannelConfig(n, new int[] {h, h, h}, spec, p);
    }

    int steps(int dflt) {
        return Inputs.positive("--model-steps", steps == null ? dflt : steps);
    }

    int dataset(int dflt) {
        return Inputs.positive("--dataset", dataset == null ? dflt : dataset);
    }
}
