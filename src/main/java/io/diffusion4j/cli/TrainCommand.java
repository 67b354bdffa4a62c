package io.diffusion4j.cli;

import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.app.train.TrainRequest;
import io.diffusion4j.app.train.TrainService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code d4j train}: train a denoiser (or fit the Gaussian baseline) on point data, or a U-Net on images
 * ({@code --data fashion-mnist|FOLDER --model unet}), into a run directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, description = "Train a diffusion model on point data or images.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", description = "moons|swissroll|checkerboard|gmm8|gmm25|gauss, an N×d .npy/.csv file,"
            + " fashion-mnist, or a folder of PNG/JPEG images (class sub-folders give labels)")
    String data;
    @Option(names = "--n-data", defaultValue = "20000", description = "points drawn from a toy data set (default ${DEFAULT-VALUE})")
    int nData;
    @Option(names = "--model", description = "mlp|gaussian for points (default mlp), unet for images (the default there)")
    String model;
    @Option(names = "--base", defaultValue = "32", description = "U-Net base width; levels base×(1, 2, 2) (default ${DEFAULT-VALUE})")
    int base;
    @Option(names = "--image-size", defaultValue = "0", description = "resize folder images to N×N (0 = keep their size); default ${DEFAULT-VALUE}")
    int imageSize;
    @Option(names = "--p-uncond", defaultValue = "0.1", description = "label dropout for classifier-free guidance (default ${DEFAULT-VALUE})")
    double pUncond;
    @Option(names = "--dropout", defaultValue = "0.1", description = "U-Net dropout (default ${DEFAULT-VALUE})")
    double dropout;
    @Option(names = "--unconditional", description = "ignore class labels (U-Net without class embedding)")
    boolean unconditional;
    @Option(names = "--grid-every", defaultValue = "0", description = "U-Net: write grid-STEP.png every N steps (0 = off); default ${DEFAULT-VALUE}")
    int gridEvery;
    @Option(names = "--hidden", defaultValue = "128,128,128", split = ",", description = "MLP widths, one residual block each; default ${DEFAULT-VALUE}")
    int[] hidden;
    @Option(names = "--schedule", defaultValue = "linear", description = "linear|scaled-linear|quadratic|sigmoid|cosine|constant; default ${DEFAULT-VALUE}")
    String schedule;
    @Option(names = "--T", defaultValue = "1000", description = "diffusion steps T of the schedule; default ${DEFAULT-VALUE}")
    int T;
    @Option(names = "--beta-start", description = "β_1 of the linear-family schedules (default: the schedule's own)")
    Double betaStart;
    @Option(names = "--beta-end", description = "β_T of the linear-family schedules (default: the schedule's own)")
    Double betaEnd;
    @Option(names = "--zero-terminal-snr", description = "rescale the schedule so that ᾱ_T = 0 (Lin et al. 2024); needs --prediction v or x0")
    boolean zeroTerminalSnr;
    @Option(names = "--prediction", defaultValue = "eps", description = "eps|x0|v; default ${DEFAULT-VALUE}")
    String prediction;
    @Option(names = "--weighting", defaultValue = "none", description = "none|snr|truncated-snr|snr+1|min-snr-<γ>; with --process also likelihood (λ = g²); default ${DEFAULT-VALUE}")
    String weighting;
    @Option(names = "--steps", defaultValue = "5000", description = "training steps; default ${DEFAULT-VALUE}")
    int steps;
    @Option(names = "--batch", description = "batch size (default 256; 64 for unet)")
    Integer batch;
    @Option(names = "--lr", description = "Adam learning rate (default 1e-3; 5e-4 for unet)")
    Double lr;
    @Option(names = "--warmup", defaultValue = "100", description = "linear learning-rate warm-up steps; default ${DEFAULT-VALUE}")
    int warmup;
    @Option(names = "--clip-grad", defaultValue = "1.0", description = "global gradient-norm clip (0 = off); default ${DEFAULT-VALUE}")
    double clipGrad;
    @Option(names = "--ema", defaultValue = "0.999", description = "EMA decay (0 = off); default ${DEFAULT-VALUE}")
    double ema;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the weights, batches, t and noise (and of a toy data draw); default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--checkpoint-every", defaultValue = "500", description = "steps between checkpoints (resume points); default ${DEFAULT-VALUE}")
    int checkpointEvery;
    @Option(names = "--log-every", defaultValue = "50", description = "steps between metrics.csv rows; default ${DEFAULT-VALUE}")
    int logEvery;
    @Option(names = "--process", description = "continuous-time score matching on an SDE instead of a discrete schedule: "
            + "vp-sde|subvp-sde|ve-sde")
    String process;
    @Option(names = "--variance", defaultValue = "fixed-small", description = "reverse variance: fixed-small (β̃) | fixed-large (β) | learned (Nichol & Dhariwal); default ${DEFAULT-VALUE}")
    String variance;
    @Option(names = "--loss", defaultValue = "simple", description = "simple | hybrid (L_simple + 0.001·L_vlb, needs --variance learned) | vlb; default ${DEFAULT-VALUE}")
    String loss;
    @Option(names = "--t-sampling", defaultValue = "uniform", description = "uniform | importance (t ∝ √E[L_t²]); default ${DEFAULT-VALUE}")
    String tSampling;
    @Option(names = "--prior", defaultValue = "priorgrad", description = "priorgrad: N(μ, diag σ²) from the data, i.e. train on standardised data (the default) | standard: N(0, I) on the data as given; default ${DEFAULT-VALUE}")
    String prior;
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;
    @Option(names = "--out", required = true, description = "run directory, e.g. runs/NAME")
    Path out;
    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        java.util.Set<String> given = new java.util.HashSet<>();
        spec.commandLine().getParseResult().matchedOptions().forEach(o -> given.add(o.longestName()));
        TrainRequest r = new TrainRequest(out, resume, data, nData, model, base, imageSize, pUncond, dropout, unconditional,
                gridEvery, hidden, schedule, T, betaStart, betaEnd, zeroTerminalSnr, prediction, weighting, steps, batch, lr,
                warmup, clipGrad, ema, seed, checkpointEvery, logEvery, process, variance, loss, tSampling, prior, given);
        try (Progress p = new Progress("train", 0)) {
            System.out.println(TrainService.run(r, total -> p.restart(total).training(), line -> System.err.println("d4j: " + line)));
        }
        return 0;
    }
}
