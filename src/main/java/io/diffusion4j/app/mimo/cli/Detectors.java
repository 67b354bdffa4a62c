package io.diffusion4j.app.mimo.cli;

import io.diffusion4j.app.mimo.AnnealedLangevin;
import io.diffusion4j.app.mimo.Detector;
import io.diffusion4j.app.mimo.LangevinDetector;
import io.diffusion4j.app.mimo.LinearDetector;
import io.diffusion4j.app.mimo.Qam;
import io.diffusion4j.app.mimo.SphereDecoder;
import io.diffusion4j.app.mimo.VBlastDetector;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The detector names of the mimo commands, and the rule for options that do not apply. */
final class Detectors {
    /** The most transmit antennas sphere decoding is offered for (its cost grows exponentially). */
    static final int MAX_ML_STREAMS = 16;

    private Detectors() {
    }

    /** zf, mmse, vblast, ml, ald in the order given; ZF and ML need N_R ≥ N_T, ML at most {@link #MAX_ML_STREAMS}. */
    static List<Detector> parse(String option, List<String> names, Qam qam, int nt, int nr, AnnealedLangevin ald) {
        List<Detector> ds = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String raw : names) {
            String d = raw.trim().toLowerCase(Locale.ROOT);
            if (seen.contains(d)) {
                throw new IllegalArgumentException(option + " names " + d + " twice");
            }
            seen.add(d);
            if ((d.equals("zf") || d.equals("ml")) && nr < nt) {
                throw new IllegalArgumentException(option + " " + d + " needs --nr >= --nt (got " + nr + " < " + nt
                        + "); drop it or add receive antennas");
            }
            if (d.equals("ml") && nt > MAX_ML_STREAMS) {
                throw new IllegalArgumentException(option + " ml is offered up to --nt " + MAX_ML_STREAMS
                        + " (sphere decoding grows exponentially); drop it for larger systems");
            }
            ds.add(switch (d) {
                case "zf" -> LinearDetector.zf(qam);
                case "mmse" -> LinearDetector.mmse(qam);
                case "vblast" -> new VBlastDetector(qam);
                case "ml" -> new SphereDecoder(qam);
                case "ald" -> new LangevinDetector(qam, ald);
                default -> throw new IllegalArgumentException("unknown detector '" + raw + "'; choose from zf, mmse, vblast, ml, ald");
            });
        }
        return ds;
    }

    /** Refuses any of {@code options} the user typed. */
    static void notFor(CommandSpec spec, String reason, String... options) {
        for (String o : options) {
            if (spec != null && spec.commandLine().getParseResult().hasMatchedOption(o)) {
                throw new IllegalArgumentException(o + " does not apply " + reason + "; drop it");
            }
        }
    }
}
