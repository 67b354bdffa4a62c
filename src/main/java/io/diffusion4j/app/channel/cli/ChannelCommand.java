package io.diffusion4j.app.channel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code channel}: the communications application from the command line — {@code toy} (the tutorial toy),
 * {@code train-model} (a channel model from measurements), {@code train-ae} (an end-to-end code through the true
 * channel or a learned model) and {@code ber} (error-rate curves on the true channel). The main {@code d4j} command
 * registers it as a subcommand; {@link #main} runs it on its own. Bad input ends with a one-line message and exit 2.
 */
@Command(name = "channel", mixinStandardHelpOptions = true,
        description = "Learn channel distributions with a conditional diffusion model and train end-to-end codes through it.",
        subcommands = {ToyCommand.class, TrainModelCommand.class, TrainAeCommand.class, BerCommand.class})
public final class ChannelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: toy, train-model, train-ae or ber");
    }

    /** A command line whose IllegalArgumentExceptions and option errors become one "error: …" line and exit code 2. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ChannelCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage() + " (see --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            if (ex instanceof IllegalArgumentException) {
                line.getErr().println("error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
