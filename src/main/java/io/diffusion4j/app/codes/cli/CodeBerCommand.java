package io.diffusion4j.app.codes.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.codes.BeliefPropagation;
import io.diffusion4j.app.codes.CodeBerSimulation;
import io.diffusion4j.app.codes.CodeReport;
import io.diffusion4j.app.codes.Codes;
import io.diffusion4j.app.codes.DdeccModel;
import io.diffusion4j.app.codes.Decoder;
import io.diffusion4j.app.codes.ExhaustiveMl;
import io.diffusion4j.app.codes.LinearCode;
import io.diffusion4j.app.codes.SyndromeDecoder;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.io.Reports;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.ValueGrid;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
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
 * {@code code ber}: bit and block error rates against Eb/N0 of the chosen decoders of one code on BPSK/AWGN, to
 * {@code --min-errors} bit errors or {@code --max-blocks} blocks per point, with 95 % Wilson intervals and the
 * decoding throughput; writes ber.csv, ber.json and ber.png.
 */
@Command(name = "ber", mixinStandardHelpOptions = true, description = "Bit/block error rates of code decoders (CSV, JSON, PNG).")
final class CodeBerCommand implements Callable<Integer> {
    /** Blocks per decoder call. */
    static final int BATCH = 1_000;

    @Option(names = "--code", defaultValue = "bch-31-16", description = Codes.NAMES + "; default ${DEFAULT-VALUE}")
    String code;

    @Option(names = "--decoder", defaultValue = "hard,bp", split = ",", description = "any of hard, bp, ml (k <= 16), ddecc (needs --model); default ${DEFAULT-VALUE}")
    List<String> decoders;

    @Option(names = "--model", description = "run folder of 'd4j code train' (for --decoder ddecc)")
    Path model;

    @Option(names = "--bp-iterations", defaultValue = "5", description = "belief-propagation iterations (bp only); default ${DEFAULT-VALUE}")
    int bpIterations;

    @Option(names = "--ebn0", defaultValue = "4,5,6", description = "dB: a value, a list 4,5,6 or a range 0:8:1; default ${DEFAULT-VALUE}")
    String ebn0;

    @Option(names = "--min-errors", defaultValue = "100", description = "stop a point after this many bit errors; default ${DEFAULT-VALUE}")
    long minErrors;

    @Option(names = "--max-blocks", defaultValue = "1000000", description = "stop a point after this many blocks; default ${DEFAULT-VALUE}")
    long maxBlocks;

    @Option(names = "--seed", defaultValue = "1", description = "seed of messages and noise; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print the JSON document on stdout instead of the table")
    boolean json;

    @Option(names = "--out", defaultValue = "runs/code-ber", description = "output folder; default ${DEFAULT-VALUE}")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        LinearCode c = Codes.named(code);
        double[] points = ValueGrid.parse("Eb/N0", "dB", ebn0, 1_000);
        Limits.requireLong("--min-errors", minErrors, 1, Long.MAX_VALUE / 2);
        Limits.requireLong("--max-blocks", maxBlocks, 1, Long.MAX_VALUE / 2 / 64);
        Limits.require("--bp-iterations", bpIterations, 1, 10_000);
        List<String> names = CodeOptions.decoders(decoders);
        if (!names.contains("bp")) {
            CodeOptions.notFor(spec, "without bp in --decoder", "--bp-iterations");
        }
        if (!names.contains("ddecc")) {
            CodeOptions.notFor(spec, "without ddecc in --decoder", "--model");
        } else if (model == null) {
            throw new IllegalArgumentException("--decoder ddecc needs --model DIR, a run folder of 'd4j code train'");
        } else if (!Files.isDirectory(model)) {
            throw new IllegalArgumentException("--model " + model + " is not a folder written by 'd4j code train'");
        }
        if (names.contains("ml") && c.k() > ExhaustiveMl.MAX_K) {
            throw new IllegalArgumentException("--decoder ml enumerates 2^k codewords and stops at k = " + ExhaustiveMl.MAX_K
                    + "; " + c.name() + " has k = " + c.k() + " (use hard, bp or ddecc)");
        }
        Files.createDirectories(out);
        CodeBerSimulation sim = new CodeBerSimulation(minErrors, maxBlocks, BATCH);
        List<CodeBerSimulation.Point> all = new ArrayList<>();
        try (NDManager m = Engines.newManager(); Progress bar = new Progress("code ber", (long) names.size() * points.length)) {
            for (String name : names) {
                Decoder d = switch (name) {
                    case "hard" -> new SyndromeDecoder(c);
                    case "bp" -> new BeliefPropagation(c, bpIterations);
                    case "ml" -> new ExhaustiveMl(c, m);
                    default -> DdeccModel.restore(model, c, m, BATCH);
                };
                for (double p : points) {
                    bar.note(String.format(Locale.ROOT, "%s %.1f dB", name, p));
                    all.add(sim.run(c, d, p, new NoiseSource(seed).fork(Double.doubleToLongBits(p))));
                    bar.step();
                }
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("code", c.name());
        facts.put("n", c.n());
        facts.put("k", c.k());
        facts.put("ebn0_convention", "BPSK, Es = 1, sigma = sqrt(1 / (2 R Eb/N0)), R = k/n");
        facts.put("ber_over", "all n code bits");
        facts.put("seed", seed);
        if (names.contains("bp")) {
            facts.put("bp_iterations", bpIterations);
        }
        if (model != null) {
            facts.put("model", model.toString());
        }
        CodeReport.write(out, c.name() + " on BPSK/AWGN", facts, all);
        if (json) {
            System.out.println(Reports.toPrettyJson(CodeReport.json(facts, all)));
        } else {
            all.forEach(p -> System.out.println(CodeReport.line(p)));
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
