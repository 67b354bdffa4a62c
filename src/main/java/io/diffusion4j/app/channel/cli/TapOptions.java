package io.diffusion4j.app.channel.cli;

import io.diffusion4j.app.channel.ChannelType;
import io.diffusion4j.app.channel.TapProfile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The tapped delay line's options (--channel tdl or tdl-cp), shared by train-model, train-ae and ber. */
final class TapOptions {
    @Option(names = "--taps", defaultValue = "3", description = "taps L of the tapped delay line (tdl, tdl-cp; L <= n/2); default ${DEFAULT-VALUE}")
    int taps;

    @Option(names = "--tap-decay", defaultValue = "2",
            description = "decay τ of the tapped delay line's power-delay profile p_l ∝ e^(−l/τ), in symbols; default ${DEFAULT-VALUE}")
    double decay;

    /** The profile for {@code type} on blocks of n real channel uses; the options are errors on any other channel. */
    TapProfile profile(ChannelType type, int n, CommandSpec spec) {
        if (!type.tapped()) {
            Inputs.notFor(spec, "to --channel " + type.id() + " (only tdl and tdl-cp have taps)", "--taps", "--tap-decay");
            return TapProfile.DEFAULT;
        }
        TapProfile p = new TapProfile(taps, decay);
        p.requireFits(n);
        return p;
    }
}
