package io.diffusion4j.app.channel;

import io.diffusion4j.naming.Names;

import java.util.Locale;

/**
 * The true channels by name, each built at a noise std σ (from Eb/N0 through {@link PowerConvention}); the tapped
 * delay lines also take their {@link TapProfile}.
 */
public enum ChannelType {
    AWGN, RAYLEIGH, RAYLEIGH_CSI, RAYLEIGH_FAST, RAYLEIGH_FAST_CSI, SSPA, TDL, TDL_CP;

    /** The channel at noise std σ per real dimension; {@code taps} is read by the tapped delay lines only. */
    public Channel at(double sigma, TapProfile taps) {
        return switch (this) {
            case AWGN -> new AwgnChannel(sigma);
            case RAYLEIGH -> new RayleighChannel(sigma, false, false);
            case RAYLEIGH_CSI -> new RayleighChannel(sigma, true, false);
            case RAYLEIGH_FAST -> new RayleighChannel(sigma, false, true);
            case RAYLEIGH_FAST_CSI -> new RayleighChannel(sigma, true, true);
            case SSPA -> SspaChannel.rapp(sigma);
            case TDL -> new TappedDelayLine(sigma, taps, false);
            case TDL_CP -> new TappedDelayLine(sigma, taps, true);
        };
    }

    /** The channel at noise std σ, tapped delay lines with {@link TapProfile#DEFAULT}. */
    public Channel at(double sigma) {
        return at(sigma, TapProfile.DEFAULT);
    }

    /** Whether the channel is a tapped delay line (reads a {@link TapProfile}). */
    public boolean tapped() {
        return this == TDL || this == TDL_CP;
    }

    /** The CLI name: awgn, rayleigh, rayleigh-csi, rayleigh-fast, rayleigh-fast-csi, sspa, tdl, tdl-cp. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final Names<ChannelType> NAMES = Names.of("channel", java.util.Arrays.stream(values())
            .map(t -> Names.entry(t, t.id())).toList());

    public static ChannelType parse(String s) {
        return NAMES.parse(s);
    }
}
