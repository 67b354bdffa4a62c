package io.diffusion4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code d4j} command. Bad input ends with one line on stderr naming the problem and the fix, and exit code 2
 * (a misspelt subcommand or option gets the nearest name, see {@link Suggestions});
 * an unexpected failure prints one line and exits 1 (set D4J_DEBUG=1 for the stack trace).
 */
@Command(name = "d4j", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "diffusion4j: train and sample diffusion models on the JVM.",
        subcommands = {DemoCommand.class, ScheduleCommand.class, TrainCommand.class, SampleCommand.class, DistillCommand.class,
                EvalCommand.class, io.diffusion4j.app.restore.RestoreCommand.class,
                io.diffusion4j.app.channel.cli.ChannelCommand.class, io.diffusion4j.app.mimo.cli.MimoCommand.class, io.diffusion4j.app.codes.cli.CodeCommand.class,
                io.diffusion4j.app.image.cli.TrainClassifierCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code eval --metric restore} hands its own options to the restoration table's command; list them under
     * {@code eval --help}, from that command's own option descriptions, so the help stays true.
     */
    private static void listRestoreTableOptions(CommandLine eval) {
        CommandLine table = new CommandLine(new io.diffusion4j.app.restore.RestoreEvalCommand());
        StringBuilder s = new StringBuilder("%nWith --metric restore (also: --run, --seed, --n, --steps):%n");
        for (CommandLine.Model.OptionSpec o : table.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp() || List.of("--run", "--seed", "--n", "--steps").contains(o.longestName())) {
                continue;
            }
            String desc = String.join(" ", o.description()).replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()));
            s.append(String.format("      %-22s %s%%n", o.longestName() + (o.arity().max() > 0 ? "=<v>" : ""), desc.replace("%", "%%")));
        }
        eval.getCommandSpec().usageMessage().footer(s.toString());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        listRestoreTableOptions(cl.getSubcommands().get("eval"));
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String msg = ex instanceof CommandLine.UnmatchedArgumentException u ? Suggestions.message(u) : null;
            err.println("d4j: " + (msg != null ? msg : firstLine(ex.getMessage())) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof IllegalArgumentException || ex instanceof UserError) {
                err.println("d4j: " + firstLine(ex.getMessage()));
                err.flush();
                return 2;
            }
            err.println("d4j: internal error: " + ex.getClass().getSimpleName() + ": " + firstLine(ex.getMessage())
                    + " (set D4J_DEBUG=1 for details)");
            if (System.getenv("D4J_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A user mistake found during execution (exit 2). */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"diffusion4j " + io.diffusion4j.run.Version.VERSION + " (DJL 0.36.0, PyTorch engine)"};
        }
    }
}
