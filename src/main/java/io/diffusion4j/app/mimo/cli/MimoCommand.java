package io.diffusion4j.app.mimo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mimo}: massive-MIMO detection ({@code ser}); registered as a subcommand of {@code d4j}. */
@Command(name = "mimo", mixinStandardHelpOptions = true,
        description = "Massive-MIMO detection (ZF, MMSE, V-BLAST, sphere-decoded ML, annealed Langevin) and channel estimation from pilots.",
        subcommands = {SerCommand.class, ChannelsCommand.class, EstimateCommand.class})
public final class MimoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: ser, channels, estimate");
    }
}
