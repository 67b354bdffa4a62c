package io.diffusion4j.app.codes.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.codes.Codes;
import io.diffusion4j.app.codes.DdeccModel;
import io.diffusion4j.app.codes.DdeccProcess;
import io.diffusion4j.app.codes.DdeccTraining;
import io.diffusion4j.app.codes.LinearCode;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.Network;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code code train}: trains a DDECC decoder for one code into a run folder (resumable with {@code --resume}); the
 * other decoders need no training and are refused.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a DDECC decoder for a code (run folder).")
final class CodeTrainCommand implements Callable<Integer> {
    @Option(names = "--code", defaultValue = "bch-31-16", description = Codes.NAMES + "; default ${DEFAULT-VALUE}")
    String code;

    @Option(names = "--decoder", defaultValue = "ddecc", description = "the decoder to train: only ddecc learns; default ${DEFAULT-VALUE}")
    String decoder;

    @Option(names = "--steps", defaultValue = "2000", description = "optimiser steps; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batch", defaultValue = "128", description = "words per step; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--layers", defaultValue = "2", description = "transformer layers N; default ${DEFAULT-VALUE}")
    int layers;

    @Option(names = "--d", defaultValue = "32", description = "transformer width d; default ${DEFAULT-VALUE}")
    int d;

    @Option(names = "--heads", defaultValue = "8", description = "attention heads (divide d); default ${DEFAULT-VALUE}")
    int heads;

    @Option(names = "--ebn0", defaultValue = "3:7", description = "training Eb/N0 range LOW:HIGH in dB (uniform); default ${DEFAULT-VALUE}")
    String ebn0;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "steps between checkpoints; default ${DEFAULT-VALUE}")
    int checkpointEvery;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint")
    boolean resume;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights, words and noise; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "runs/code-ddecc", description = "run folder; default ${DEFAULT-VALUE}")
    Path out;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        LinearCode c = Codes.named(code);
        List<String> names = CodeOptions.decoders(List.of(decoder));
        if (!names.equals(List.of("ddecc"))) {
            throw new IllegalArgumentException("--decoder " + decoder + " needs no training; only ddecc is trained (use 'd4j code ber')");
        }
        Limits.require("--steps", steps, 1, Limits.MAX_TRAIN_STEPS);
        Limits.require("--batch", batch, 1, Limits.MAX_BATCH);
        Limits.require("--checkpoint-every", checkpointEvery, 1, Limits.MAX_TRAIN_STEPS);
        double[] range = range(ebn0);
        DdeccModel model = new DdeccModel(c.name(), layers, d, heads, DdeccProcess.PAPER.beta(), DdeccProcess.PAPER.lineSearch());
        model.spec(c);
        DdeccTraining training = new DdeccTraining(steps, batch, lr, range[0], range[1], seed);
        if (!resume && Files.exists(out.resolve(DdeccTraining.CHECKPOINT))) {
            throw new IllegalArgumentException("--out " + out + " already holds a run; pass --resume to continue it or choose another --out");
        }
        Files.createDirectories(out);
        Map<String, Object> description = new java.util.LinkedHashMap<>(model.description());
        description.put("steps", steps);
        description.put("batch", batch);
        description.put("lr", lr);
        description.put("ebn0_train_db", range);
        description.put("seed", seed);
        long t0 = System.nanoTime();
        try (NDManager m = Engines.newManager(); Progress bar = new Progress("code train", steps)) {
            Network net = Network.create(model.spec(c), m, seed);
            System.out.printf(Locale.ROOT, "%s: ECC transformer N = %d, d = %d, %d heads, %d parameters%n", c.name(), layers, d, heads,
                    net.parameterCount());
            training.run(c, model.process(), net, out, resume, checkpointEvery, description, s -> {
                bar.step();
                if (s.step() % Math.max(1, steps / 10) == 0 || s.step() == s.total()) {
                    bar.note(String.format(Locale.ROOT, "loss %.4f", s.loss()));
                    System.out.printf(Locale.ROOT, "step %d/%d loss %.5f%n", s.step(), s.total(), s.loss());
                }
            });
        }
        System.out.printf(Locale.ROOT, "trained %d steps in %.1f s; wrote %s%n", steps, (System.nanoTime() - t0) / 1e9, out);
        return 0;
    }

    private static double[] range(String s) {
        String[] p = s.split(":");
        try {
            if (p.length == 2) {
                double lo = Double.parseDouble(p[0]);
                double hi = Double.parseDouble(p[1]);
                if (Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi && lo >= -20 && hi <= 40) {
                    return new double[] {lo, hi};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("--ebn0 " + s + " is not a range LOW:HIGH in dB with -20 <= LOW <= HIGH <= 40 (e.g. 3:7)");
    }
}
