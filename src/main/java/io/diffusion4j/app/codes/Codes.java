package io.diffusion4j.app.codes;

import io.diffusion4j.app.channel.Hamming74;

/** The codes of the package by their command-line names. */
public final class Codes {
    public static final String NAMES = "hamming-7-4, bch-31-16, bch-63-51 or polar-64-32";

    private Codes() {
    }

    /** The code of that name; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static LinearCode named(String name) {
        return switch (name) {
            case "hamming-7-4" -> hamming74();
            case "bch-31-16" -> BchCode.bch31x16();
            case "bch-63-51" -> BchCode.bch63x51();
            case "polar-64-32" -> PolarCode.of(6, 32, PolarCode.DESIGN_EBN0_DB);
            default -> throw new IllegalArgumentException("--code " + name + " is not a code here; use " + NAMES);
        };
    }

    /** Hamming(7,4) in the systematic form of {@link Hamming74}: row i is the codeword of message bit i. */
    public static LinearCode hamming74() {
        int[][] g = new int[4][];
        for (int i = 0; i < 4; i++) {
            g[i] = Hamming74.codeword(1 << i);
        }
        return new LinearCode("hamming-7-4", g, Gf2.parityCheckOfSystematic(g), 1);
    }
}
