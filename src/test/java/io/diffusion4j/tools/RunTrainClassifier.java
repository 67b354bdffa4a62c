package io.diffusion4j.tools;

import io.diffusion4j.app.image.cli.TrainClassifierCommand;
import picocli.CommandLine;

/** {@code train-classifier} outside the CLI jar (same options), for runs from the build's class path. */
public final class RunTrainClassifier {
    private RunTrainClassifier() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainClassifierCommand()).execute(args));
    }
}
