package io.diffusion4j.app.channel.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.Autoencoder;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.app.channel.ChannelPlots;
import io.diffusion4j.app.channel.ChannelType;
import io.diffusion4j.app.channel.Constellation;
import io.diffusion4j.app.channel.ErrorRateSimulation;
import io.diffusion4j.app.channel.ErrorRates;
import io.diffusion4j.app.channel.Hamming74;
import io.diffusion4j.app.channel.SnrGap;
import io.diffusion4j.app.channel.TapProfile;
import io.diffusion4j.app.channel.Transceiver;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;

/**
 * {@code channel ber}: block (symbol) error rate against Eb/N0 on the true channel for trained autoencoders and the
 * classical baselines of the same (M, n), by Monte-Carlo to {@code --min-errors} errors or {@code --max-blocks}
 * blocks with 95 % Wilson intervals; writes ber.csv, ber.json and ber.png (log scale, with the analytic curves).
 */
@Command(name = "ber", mixinStandardHelpOptions = true, description = "Error-rate curves on the true channel (CSV, JSON, PNG).")
final class BerCommand implements Callable<Integer> {
    @Option(names = "--ae", description = "autoencoder folders from train-ae (repeatable)")
    List<Path> autoencoders = new ArrayList<>();

    @Option(names = "--channel", defaultValue = "awgn", description = RunOptions.CHANNELS)
    String channel;

    @picocli.CommandLine.Mixin
    TapOptions tapOptions = new TapOptions();

    @Option(names = "--M", defaultValue = "16", description = "messages, when no --ae gives it; default ${DEFAULT-VALUE}")
    int messages;

    @Option(names = "--n", defaultValue = "7", description = "channel uses, when no --ae gives it; default ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--ebn0", defaultValue = "0:8:1", description = "dB: a value, a list 0,2,4 or a range 0:8:1; default ${DEFAULT-VALUE}")
    String ebn0;

    @Option(names = "--min-errors", defaultValue = "1000", description = "stop a point after this many bit errors; default ${DEFAULT-VALUE}")
    long minErrors;

    @Option(names = "--max-blocks", defaultValue = "10000000", description = "stop a point after this many blocks; default ${DEFAULT-VALUE}")
    long maxBlocks;

    @Option(names = "--seed", defaultValue = "1", description = "seed of messages, noise and sampling; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "runs/channel-ber", description = "output folder (CSV and plot); default ${DEFAULT-VALUE}")
    Path out;

    /** The most blocks (and errors) one Eb/N0 point may simulate. */
    static final long MAX_BLOCKS = 10_000_000_000L;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        ChannelType type = Inputs.channel(channel);
        double[] points = Inputs.ebN0(ebn0);
        Inputs.messages(messages);
        Inputs.bounded("--M", messages, RunOptions.MAX_MESSAGES);
        Inputs.dimension(n);
        Inputs.bounded("--n", n, RunOptions.MAX_CHANNEL_USES);
        Inputs.boundedCount("--min-errors", minErrors, MAX_BLOCKS);
        Inputs.boundedCount("--max-blocks", maxBlocks, MAX_BLOCKS);
        if (!autoencoders.isEmpty()) {
            Inputs.notFor(spec, "with --ae (each autoencoder gives its own M and n)", "--M", "--n");
        }
        for (Path dir : autoencoders) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--ae " + dir + " is not a folder written by 'd4j channel train-ae'");
            }
        }
        Files.createDirectories(out);
        try (NDManager m = Engines.newManager()) {
            Map<String, Transceiver> curves = new LinkedHashMap<>();
            for (Path dir : autoencoders) {
                Autoencoder ae = Autoencoder.restore(dir, m);
                messages = ae.messages();
                n = ae.n();
                curves.put(dir.getFileName().toString(), ae);
            }
            TapProfile taps = tapOptions.profile(type, n, spec);
            baselines(messages, n).forEach(curves::putIfAbsent);
            ErrorRateSimulation sim = new ErrorRateSimulation(minErrors, maxBlocks, 200_000);
            Map<String, List<ErrorRateSimulation.Point>> measured = new LinkedHashMap<>();
            try (Progress bar = new Progress("ber", (long) curves.size() * points.length)) {
                for (var e : curves.entrySet()) {
                    bar.note(e.getKey());
                    List<ErrorRateSimulation.Point> pts = new ArrayList<>();
                    for (double eb : points) {
                        pts.addAll(sim.curve(e.getValue(), sigma -> type.at(sigma, taps), new double[] {eb}, m, new NoiseSource(seed).fork(Double.doubleToLongBits(eb)), c -> {
                        }));
                        bar.step();
                    }
                    measured.put(e.getKey(), pts);
                }
            }
            String reference = baselines(messages, n).keySet().stream().findFirst().orElse(null);
            write(measured, analytic(type, messages, n, points), type, reference);
        }
        return 0;
    }

    static Map<String, Transceiver> baselines(int messages, int n) {
        Map<String, Transceiver> b = new LinkedHashMap<>();
        if (messages == 16 && n == 7) {
            b.put("hamming74-soft-ml", Constellation.hamming74());
            b.put("hamming74-hard", new Hamming74());
        } else if (messages == 16 && n == 2) {
            b.put("16-qam", Constellation.qam16());
        } else if (messages == 2 && n == 1) {
            b.put("bpsk", Constellation.bpsk());
        }
        return b;
    }

    static Map<String, double[][]> analytic(ChannelType type, int messages, int n, double[] points) {
        Map<String, DoubleUnaryOperator> f = new LinkedHashMap<>();
        if (type == ChannelType.AWGN && messages == 16 && n == 7) {
            f.put("hamming74-hard (analytic)", ErrorRates::hamming74HardBler);
        } else if (type == ChannelType.AWGN && messages == 16 && n == 2) {
            f.put("16-qam (analytic)", ErrorRates::qam16Ser);
        } else if (messages == 2 && n == 1 && type == ChannelType.AWGN) {
            f.put("bpsk (analytic)", ErrorRates::bpskBer);
        } else if (messages == 2 && n == 1 && type.name().startsWith("RAYLEIGH")) {
            f.put("bpsk (analytic)", ErrorRates::rayleighBpskBer); // one channel use: block and fast fading coincide
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        double lo = points[0];
        double hi = points[points.length - 1];
        f.forEach((name, fn) -> {
            int k = 101;
            double[][] xy = new double[2][k];
            for (int i = 0; i < k; i++) {
                xy[0][i] = lo + (hi - lo) * i / (k - 1);
                xy[1][i] = fn.applyAsDouble(xy[0][i]);
            }
            out.put(name, xy);
        });
        return out;
    }

    /** Writes ber.csv/json/png; each curve's points carry their Eb/N0 gap at equal rate to {@code reference} (if any). */
    private void write(Map<String, List<ErrorRateSimulation.Point>> measured, Map<String, double[][]> analytic, ChannelType type,
                       String reference) throws java.io.IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        List<ErrorRateSimulation.Point> ref = reference == null ? List.of() : measured.get(reference);
        try (Writer csv = io.diffusion4j.io.AtomicFiles.newWriter(out.resolve("ber.csv"))) {
            csv.write("curve,ebn0_db,sigma,errors,blocks,rate,ci95_low,ci95_high,gap_db,gap_ci95_low,gap_ci95_high\n");
            for (var e : measured.entrySet()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (ErrorRateSimulation.Point p : e.getValue()) {
                    SnrGap gap = SnrGap.of(ref, p);
                    csv.write(String.format(Locale.ROOT, "%s,%.3f,%.6f,%d,%d,%.6e,%.6e,%.6e,%.4f,%.4f,%.4f%n", e.getKey(), p.ebN0Db(), p.sigma(),
                            p.count().errors(), p.count().trials(), p.count().rate(), p.count().lower(), p.count().upper(),
                            gap.gapDb(), gap.lowDb(), gap.highDb()));
                    Map<String, Object> row = new LinkedHashMap<>(Map.of("ebn0_db", p.ebN0Db(), "sigma", p.sigma(), "errors", p.count().errors(),
                            "blocks", p.count().trials(), "rate", p.count().rate(), "ci95", new double[] {p.count().lower(), p.count().upper()}));
                    if (Double.isFinite(gap.gapDb())) {
                        row.put("gap_db_vs_" + reference, gap.gapDb());
                        row.put("gap_db_ci95", new double[] {gap.lowDb(), gap.highDb()});
                    }
                    rows.add(row);
                    System.out.printf(Locale.ROOT, "%-24s %5.2f dB  %.3e [%.3e, %.3e]  (%d errors / %d blocks)%s%n", e.getKey(), p.ebN0Db(),
                            p.count().rate(), p.count().lower(), p.count().upper(), p.count().errors(), p.count().trials(),
                            Double.isFinite(gap.gapDb()) && !e.getKey().equals(reference)
                                    ? String.format(Locale.ROOT, "  gap to %s %+.3f dB [%+.3f, %+.3f]", reference, gap.gapDb(), gap.lowDb(), gap.highDb()) : "");
                }
                json.put(e.getKey(), rows);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("channel", type.id());
        doc.put("M", messages);
        doc.put("n", n);
        doc.put("gap_reference", reference);
        doc.put("curves", json);
        ChannelFiles.writeJson(out.resolve("ber.json"), doc);
        ChannelPlots.errorRates(out.resolve("ber.png"), String.format(Locale.ROOT, "M = %d, n = %d, %s channel", messages, n, type.id()),
                measured, analytic);
        System.out.println("wrote " + out);
    }
}
