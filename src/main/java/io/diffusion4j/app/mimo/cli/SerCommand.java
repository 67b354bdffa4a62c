package io.diffusion4j.app.mimo.cli;

import io.diffusion4j.app.mimo.AnnealedLangevin;
import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.Detector;
import io.diffusion4j.app.mimo.MimoSystem;
import io.diffusion4j.app.mimo.Qam;
import io.diffusion4j.app.mimo.SerReport;
import io.diffusion4j.app.mimo.SerSimulation;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.io.Reports;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.ValueGrid;
import io.diffusion4j.noise.NoiseSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mimo ser}: symbol and bit error rates against SNR per receive antenna for the chosen detectors on the same
 * channel uses, to {@code --min-errors} symbol errors or {@code --max-vectors} uses per point, with 95 % Wilson
 * intervals; writes ser.csv, ser.json and ser.png.
 */
@Command(name = "ser", mixinStandardHelpOptions = true, description = "Symbol/bit error rates of MIMO detectors (CSV, JSON, PNG).")
final class SerCommand implements Callable<Integer> {
    /** The most antennas on either side. */
    static final int MAX_ANTENNAS = 256;

    @Option(names = "--nt", defaultValue = "4", description = "transmit antennas (users); default ${DEFAULT-VALUE}")
    int nt;

    @Option(names = "--nr", defaultValue = "4", description = "receive antennas; default ${DEFAULT-VALUE}")
    int nr;

    @Option(names = "--modulation", defaultValue = "16qam", description = "qpsk, 16qam or 64qam (Gray); default ${DEFAULT-VALUE}")
    String modulation;

    @Option(names = "--channel", defaultValue = "rayleigh", description = "rayleigh, kronecker or geometric; default ${DEFAULT-VALUE}")
    String channel;

    @Option(names = "--rho", defaultValue = "0.7", description = "exponential correlation at both ends (kronecker only); default ${DEFAULT-VALUE}")
    double rho;

    @Option(names = "--snr", defaultValue = "0:20:2", description = "SNR per receive antenna, dB: a value, a list 0,4,8 or a range 0:20:2; default ${DEFAULT-VALUE}")
    String snr;

    @Option(names = "--detectors", defaultValue = "zf,mmse,vblast,ml,ald", split = ",",
            description = "any of zf, mmse, vblast, ml, ald; default ${DEFAULT-VALUE}")
    List<String> detectors;

    @Option(names = "--min-errors", defaultValue = "500", description = "stop a detector's point after this many symbol errors; default ${DEFAULT-VALUE}")
    long minErrors;

    @Option(names = "--max-vectors", defaultValue = "200000", description = "... or after this many channel uses; default ${DEFAULT-VALUE}")
    long maxVectors;

    @Option(names = "--ald-levels", defaultValue = "20", description = "ALD noise levels L (sigma 1 to 0.01); default ${DEFAULT-VALUE}")
    int aldLevels;

    @Option(names = "--ald-steps", defaultValue = "10", description = "ALD Langevin steps per level T; default ${DEFAULT-VALUE}")
    int aldSteps;

    @Option(names = "--ald-chains", defaultValue = "4", description = "ALD parallel chains (best by residual); default ${DEFAULT-VALUE}")
    int aldChains;

    @Option(names = "--ald-epsilon", defaultValue = "3e-5", description = "ALD base step epsilon (step eps*sigma_l^2/sigma_L^2); default ${DEFAULT-VALUE}")
    double aldEpsilon;

    @Option(names = "--seed", defaultValue = "1", description = "seed of channels, symbols, noise and chains; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print the JSON document on stdout instead of the table")
    boolean json;

    @Option(names = "--out", defaultValue = "runs/mimo-ser", description = "output folder; default ${DEFAULT-VALUE}")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        Limits.require("--nt", nt, 1, MAX_ANTENNAS);
        Limits.require("--nr", nr, 1, MAX_ANTENNAS);
        Qam qam = Qam.parse(modulation);
        ChannelModel model = ChannelModel.parse(channel, rho);
        if (!model.id().startsWith("kronecker")) {
            notFor("for --channel " + channel + " (only kronecker is correlated)", "--rho");
        }
        double[] points = ValueGrid.parse("SNR", "dB", snr, 1_000);
        Limits.requireLong("--min-errors", minErrors, 1, Long.MAX_VALUE / 2);
        Limits.requireLong("--max-vectors", maxVectors, 1, Long.MAX_VALUE / 2 / MAX_ANTENNAS);
        List<Detector> ds = detectors(qam);
        Files.createDirectories(out);
        MimoSystem system = new MimoSystem(nt, nr, qam, model);
        SerSimulation sim = new SerSimulation(minErrors, maxVectors);
        List<SerSimulation.Point> all = new ArrayList<>();
        try (Progress bar = new Progress("mimo ser", points.length)) {
            for (double p : points) {
                bar.note(String.format(Locale.ROOT, "%.1f dB", p));
                all.addAll(sim.run(system, ds, p, new NoiseSource(seed).fork(Double.doubleToLongBits(p)), x -> { }));
                bar.step();
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("nt", nt);
        facts.put("nr", nr);
        facts.put("modulation", qam.id());
        facts.put("channel", model.id());
        facts.put("snr_convention", "per receive antenna: N_T*Es/N0, E|h_ij|^2 = 1, Es = 1");
        facts.put("seed", seed);
        if (detectors.contains("ald")) {
            facts.put("ald", Map.of("levels", aldLevels, "steps_per_level", aldSteps, "chains", aldChains, "epsilon", aldEpsilon,
                    "sigma_first", 1.0, "sigma_last", 0.01));
        }
        String title = String.format(Locale.ROOT, "%dx%d %s, %s channel", nt, nr, qam.id(), model.id());
        SerReport.write(out, title, facts, all);
        if (json) {
            System.out.println(Reports.toPrettyJson(SerReport.json(facts, all)));
        } else {
            all.forEach(p -> System.out.println(SerReport.line(p)));
            System.out.println("wrote " + out);
        }
        return 0;
    }

    private List<Detector> detectors(Qam qam) {
        List<Detector> ds = Detectors.parse("--detectors", detectors, qam, nt, nr,
                new AnnealedLangevin(1, 0.01, aldLevels, aldSteps, aldEpsilon, aldChains));
        if (ds.stream().noneMatch(d -> d.id().equals("ald"))) {
            notFor("without ald in --detectors", "--ald-levels", "--ald-steps", "--ald-chains", "--ald-epsilon");
        }
        return ds;
    }

    private void notFor(String reason, String... options) {
        Detectors.notFor(spec, reason, options);
    }
}
