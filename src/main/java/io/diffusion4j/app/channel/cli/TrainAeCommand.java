package io.diffusion4j.app.channel.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.Autoencoder;
import io.diffusion4j.app.channel.AutoencoderTraining;
import io.diffusion4j.app.channel.Channel;
import io.diffusion4j.app.channel.ChannelData;
import io.diffusion4j.app.channel.ChannelFidelity;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.app.channel.ChannelLearner;
import io.diffusion4j.app.channel.ChannelPlots;
import io.diffusion4j.app.channel.ModeCoverage;
import io.diffusion4j.data.Points;
import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.app.channel.ErrorRateSimulation;
import io.diffusion4j.app.channel.IterativeAlgorithm;
import io.diffusion4j.app.channel.PretrainingAlgorithm;
import io.diffusion4j.io.Reports;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code channel train-ae}: trains the end-to-end autoencoder through the true channel ({@code --method true}) or a
 * learned model (diffusion or WGAN) with the pretraining or the iterative algorithm; saves it and reports its SER on
 * the true channel at the {@code --eval} points.
 */
@Command(name = "train-ae", mixinStandardHelpOptions = true, description = "Train an end-to-end code through the true channel or a channel model.")
final class TrainAeCommand implements Callable<Integer> {
    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--algorithm", defaultValue = "pretrain", description = "pretrain or iterative (learned models only); default ${DEFAULT-VALUE}")
    String algorithm;

    @Option(names = "--model", description = "a folder from train-model to train through (pretrain; skips fitting a model)")
    Path modelDir;

    @Option(names = "--steps", defaultValue = "10000", description = "autoencoder steps (per round when iterative); default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batch", defaultValue = "1000", description = "messages per step; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-2", description = "Adam rate (the fine-tune phase runs at a tenth of it); default ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--fine-tune", defaultValue = "0.3", description = "fraction of the steps at lr/10; default ${DEFAULT-VALUE}")
    double fineTune;

    @Option(names = "--rounds", defaultValue = "5", description = "rounds of the iterative algorithm; default ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--eval", description = "Eb/N0 points (dB) for the closing SER report (default: the training Eb/N0)")
    String eval;

    @Option(names = "--min-errors", defaultValue = "1000", description = "BER evaluation: stop a point after this many bit errors; default ${DEFAULT-VALUE}")
    long minErrors;

    @Option(names = "--max-blocks", defaultValue = "20000000", description = "BER evaluation: stop a point after this many blocks; default ${DEFAULT-VALUE}")
    long maxBlocks;

    /** Blocks per batch of the closing SER report. */
    private static final int EVAL_BATCH = 200_000;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Options the chosen method, algorithm or --model does not read are errors; sizes within their limits. */
    private void requireApplicable(String method, String algo) {
        Inputs.bounded("--steps", steps, io.diffusion4j.limits.Limits.MAX_TRAIN_STEPS);
        Inputs.bounded("--batch", batch, io.diffusion4j.limits.Limits.MAX_BATCH);
        Inputs.bounded("--rounds", rounds, io.diffusion4j.limits.Limits.MAX_REPEATS);
        Inputs.boundedCount("--min-errors", minErrors, BerCommand.MAX_BLOCKS);
        Inputs.boundedCount("--max-blocks", maxBlocks, BerCommand.MAX_BLOCKS);
        // the autoencoder: Linear(M, M) twice and Linear(M, n) each way; one-hot batches, and the SER report's batches
        double m = run.messages;
        io.diffusion4j.limits.Limits.requireMemory("--M " + run.messages + " with --batch " + batch, 0,
                io.diffusion4j.limits.Limits.trainingBytes(4 * m * m + 4 * m * run.n, 8.0 * batch * m)
                        + 4.0 * 2 * EVAL_BATCH * m);
        if (!(lr > 0) || !Double.isFinite(lr) || !(fineTune >= 0 && fineTune <= 1)) {
            throw new IllegalArgumentException("--lr must be > 0 and --fine-tune in [0, 1], got " + lr + " and " + fineTune);
        }
        if (method.equals("true")) {
            Inputs.notFor(spec, "to --method true (no channel model is fitted)", "--algorithm", "--rounds", "--model",
                    "--ddim-steps", "--sampler", "--schedule", "--prediction", "--hidden", "--model-lr", "--model-steps", "--dataset");
            return;
        }
        if (method.equals("wgan")) {
            Inputs.notFor(spec, "to --method wgan (it has its own settings)", "--schedule", "--prediction", "--hidden",
                    "--model-lr", "--ddim-steps", "--sampler");
        }
        if (!algo.equals("iterative")) {
            Inputs.notFor(spec, "to --algorithm pretrain", "--rounds");
        }
        if (modelDir != null) {
            if (algo.equals("iterative")) {
                throw new IllegalArgumentException("--model works with --algorithm pretrain only");
            }
            Inputs.notFor(spec, "with --model DIR (the model is restored, not fitted)", "--schedule", "--prediction",
                    "--hidden", "--model-lr", "--model-steps", "--dataset");
            if (!java.nio.file.Files.isDirectory(modelDir)) {
                throw new IllegalArgumentException("--model " + modelDir + " is not a folder written by 'd4j channel train-model'");
            }
            return;
        }
        if (method.equals("diffusion")) {
            model.config(run.n, 128);
        }
        model.steps(1);
        model.dataset(1);
        if (algo.equals("iterative")) {
            Inputs.bounded("--steps × --rounds", (long) steps * rounds, io.diffusion4j.limits.Limits.MAX_TRAIN_STEPS);
        }
    }

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        String method = run.method("diffusion", "wgan", "true");
        String algo = Inputs.choice("--algorithm", algorithm, "pretrain", "iterative");
        double[] evalPoints = eval == null ? new double[] {run.ebN0()} : Inputs.ebN0(eval);
        requireApplicable(method, algo);
        AutoencoderTraining training = new AutoencoderTraining(Inputs.positive("--steps", steps), Inputs.positive("--batch", batch),
                lr, fineTune, run.seed);
        Files.createDirectories(run.out);
        Map<String, Object> json = new LinkedHashMap<>(run.facts());
        json.put("method", method);
        json.put("algorithm", method.equals("true") ? "true-channel" : algo);
        try (NDManager m = Engines.newManager(); Writer csv = io.diffusion4j.io.AtomicFiles.newWriter(run.out.resolve("metrics.csv"))) {
            csv.write("phase,step,loss,lr,grad_norm\n");
            Autoencoder ae = Autoencoder.create(run.messages, run.n, m, run.seed);
            Channel truth = run.trueChannel();
            Channel learned = null;
            long t0 = System.nanoTime();
            long aeTotal = method.equals("true") || !algo.equals("iterative") ? steps : (long) steps * rounds;
            try (Progress aeBar = new Progress("autoencoder", aeTotal)) {
                TrainListener aeListener = aeBar.training("autoencoder", csv);
                if (method.equals("true")) {
                    training.train(ae, truth, aeListener);
                } else if (modelDir != null) {
                    if (algo.equals("iterative")) {
                        throw new IllegalArgumentException("--model works with --algorithm pretrain only");
                    }
                    learned = ChannelLearner.restore(modelDir, m, run.channelSampler(), run.ddimSteps);
                    json.put("model", modelDir.toString());
                    training.train(ae, learned, aeListener);
                } else {
                    ChannelLearner learner = run.learner(method, model, m);
                    try (Progress mBar = new Progress(method + " model", (long) run.modelSteps(method, model) * (algo.equals("iterative") ? rounds : 1))) {
                        TrainListener ml = mBar.training("model", csv);
                        learned = algo.equals("pretrain")
                                ? new PretrainingAlgorithm(model.dataset(RunOptions.DATASET), training).run(truth, ae, learner, m, ml, aeListener).model()
                                : new IterativeAlgorithm(Inputs.positive("--rounds", rounds), model.dataset(20_000), training)
                                        .run(truth, ae, learner, m, ml, aeListener).model();
                    }
                    learner.save(run.out, run.facts());
                }
            }
            json.put("train_seconds", (System.nanoTime() - t0) / 1e9);
            if (learned != null) {
                // how well the frozen model reproduces the true channel on the code it trained: joint (x, y) SWD, noise power
                NoiseSource fn = new NoiseSource(run.seed).fork(0xF1DEL);
                ChannelFidelity f = ChannelFidelity.measure(learned, truth, ChannelData.codewordInputs(ae, 5_000, m, fn.fork(1)), m, fn.fork(2));
                json.put("model_channel", learned.name());
                json.put("model_fidelity_on_codewords", Reports.toJsonTree(f));
                System.out.printf("%s on the trained code: SWD %.4f (floor %.4f), residual power %.4f (true %.4f)%n", learned.name(),
                        f.swd(), f.swdFloor(), f.residualPowerModel(), f.residualPowerTrue());
                // mode coverage per message: the M codewords are the conditions
                Points codewords = Points.of(ae.encode(java.util.stream.IntStream.range(0, run.messages).toArray(), m).stopGradient());
                int draws = Math.max(2, 4800 / run.messages);
                ModeCoverage cov = ModeCoverage.measure(learned, truth, codewords, draws, m, fn.fork(3));
                json.put("mode_coverage_on_codewords", Reports.toJsonTree(cov));
                System.out.printf("mode coverage on the %d codewords × %d draws: %s%n", run.messages, draws, cov.line());
                ChannelPlots.fixedInput(run.out.resolve("fixed-input.png"), learned, truth, codewords, 3000, method + " model", m, fn.fork(4));
            }
            ae.save(run.out, json);
            Map<String, Object> ser = new LinkedHashMap<>();
            ErrorRateSimulation sim = new ErrorRateSimulation(minErrors, maxBlocks, EVAL_BATCH);
            for (double eb : evalPoints) {
                ErrorCount c = sim.run(ae, run.trueChannel(eb), m,
                        new NoiseSource(run.seed).fork(0xE7A1L).fork(Double.doubleToLongBits(eb)), x -> {
                        });
                ser.put(String.valueOf(eb), Map.of("ser", c.rate(), "ci95", new double[] {c.lower(), c.upper()}, "errors", c.errors(), "blocks", c.trials()));
                System.out.printf("%s on %s at %.2f dB: SER %.3e [%.3e, %.3e] (%d errors in %d blocks)%n", ae.name(), run.type().id(),
                        eb, c.rate(), c.lower(), c.upper(), c.errors(), c.trials());
            }
            json.put("ser_true_channel", ser);
            ChannelFiles.writeJson(run.out.resolve("summary.json"), json);
            System.out.println("wrote " + run.out);
        }
        return 0;
    }
}
