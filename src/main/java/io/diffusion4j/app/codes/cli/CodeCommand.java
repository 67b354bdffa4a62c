package io.diffusion4j.app.codes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code code}: decoding linear block codes ({@code train}, {@code ber}); registered as a subcommand of {@code d4j}. */
@Command(name = "code", mixinStandardHelpOptions = true,
        description = "Error-correcting codes on BPSK/AWGN: hard, belief-propagation, exact-ML and DDECC decoders.",
        subcommands = {CodeTrainCommand.class, CodeBerCommand.class})
public final class CodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: train or ber");
    }
}
