package io.diffusion4j.app.channel;

import io.diffusion4j.naming.Names;

import java.util.Locale;

/** The true channels by name, each built at a noise std σ (from Eb/N0 through {@link PowerConvention}). */
public enum ChannelType {
    AWGN, RAYLEIGH, RAYLEIGH_CSI, SSPA;

    /** The channel at noise std σ per real dimension. */
    public Channel at(double sigma) {
        return switch (this) {
            case AWGN -> new AwgnChannel(sigma);
            case RAYLEIGH -> new RayleighBlockChannel(sigma, false);
            case RAYLEIGH_CSI -> new RayleighBlockChannel(sigma, true);
            case SSPA -> SspaChannel.rapp(sigma);
        };
    }

    /** The CLI name: awgn, rayleigh, rayleigh-csi, sspa. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final Names<ChannelType> NAMES = Names.of("channel", java.util.Arrays.stream(values())
            .map(t -> Names.entry(t, t.id())).toList());

    public static ChannelType parse(String s) {
        return NAMES.parse(s);
    }
}
