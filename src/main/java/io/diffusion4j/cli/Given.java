package io.diffusion4j.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * Which options the user typed: a value that was not given reads as null, so that services can tell a default from
 * a choice and refuse options that do not apply.
 */
record Given(CommandSpec spec) {

    boolean has(String option) {
        return spec != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** {@code value} if {@code option} was given, else null. */
    <T> T value(String option, T value) {
        return has(option) ? value : null;
    }
}
