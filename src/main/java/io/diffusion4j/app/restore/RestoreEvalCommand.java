package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.FidFmnist;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.Reports;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code d4j eval --metric restore}: the {@link RestoreEval} table on the bundled Fashion-MNIST test subset, printed
 * as JSON on stdout (one progress line per row on stderr). The prior is an image run ({@code d4j train --model unet});
 * a class-conditional run is used through its null class, i.e. as the unconditional prior.
 */
@Command(name = "restore", description = "Restoration table: box inpainting, ×4 super-resolution, blur; methods vs baselines.")
public final class RestoreEvalCommand implements Callable<Integer> {

    /** The image run of the prior (d4j train --model unet): eval's own --run. */
    Path run;
    @Option(names = "--sr3", description = "SR3 model directory for --factor (adds the sr3 row to super-resolution)")
    Path sr3;
    /** Test images, the first n of the bundled test subset: eval's own --n. */
    int n;
    @Option(names = "--steps", defaultValue = "100", description = "reverse steps (replace, ILVR, RePaint, SR3); default ${DEFAULT-VALUE}")
    int steps;
    @Option(names = "--dps-steps", defaultValue = "100", description = "reverse steps for DPS; default ${DEFAULT-VALUE}")
    int dpsSteps;
    @Option(names = "--zeta-scale", defaultValue = "1", description = "DPS ζ as a multiple of the 1000-step defaults (0.25 inpaint, 0.15 otherwise); default ${DEFAULT-VALUE}")
    double zetaScale;
    @Option(names = "--resample", defaultValue = "5", description = "RePaint resamplings r (jump 10); default ${DEFAULT-VALUE}")
    int resample;
    @Option(names = "--methods", split = ",", description = "only these methods, e.g. dps,sr3 (default: all)")
    List<String> methods;
    @Option(names = "--factor", defaultValue = "4", description = "super-resolution factor (the SR3 model's); default ${DEFAULT-VALUE}")
    int factor;
    @Option(names = "--sigma-y", defaultValue = "0.05", description = "measurement noise σ_y; default ${DEFAULT-VALUE}")
    double sigmaY;
    @Option(names = "--draws", defaultValue = "1", description = "posterior draws K per image (rows add the mean of the K draws); default ${DEFAULT-VALUE}")
    int draws;
    @Option(names = "--denoise-sigma", defaultValue = "0", description = "σ of a denoising task added to the table (0: none); default ${DEFAULT-VALUE}")
    double denoiseSigma;
    @Option(names = "--tasks", split = ",", description = "only these tasks, e.g. superres,denoise (default: inpaint, superres, deblur, and denoise with --denoise-sigma)")
    List<String> tasks;
    /** eval's own --seed. */
    long seed;

    /**
     * Runs the table for eval's {@code --run}, {@code --n} and {@code --seed}, parsing the table's own options from
     * the arguments {@code d4j eval} did not know.
     */
    public static int run(Path run, int n, long seed, List<String> args) throws Exception {
        if (run == null) {
            throw new IllegalArgumentException("--metric restore needs --run DIR, an image run (d4j train --data fashion-mnist --model unet)");
        }
        RestoreEvalCommand c = new RestoreEvalCommand();
        c.run = run;
        c.n = n;
        c.seed = seed;
        try {
            new CommandLine(c).parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("eval --metric restore: " + e.getMessage().lines().findFirst().orElse("")
                    + "; options: --run DIR [--n 50] [--sr3 DIR] [--steps 100] [--dps-steps 100] [--zeta-scale 1]"
                    + " [--resample 5] [--methods dps,sr3,…] [--factor 4] [--sigma-y 0.05] [--draws 1] [--denoise-sigma 0] [--tasks inpaint,…] [--seed 0]");
        }
        return c.call();
    }

    @Override
    public Integer call() throws Exception {
        RestoreEval.Options o = new RestoreEval.Options(n, steps, dpsSteps, zetaScale, resample, sigmaY, seed,
                methods == null ? null : methods.stream().map(Task.Method::parse).collect(java.util.stream.Collectors.toSet()),
                factor, draws, denoiseSigma,
                tasks == null ? null : tasks.stream().map(Task::parse).collect(java.util.stream.Collectors.toSet()));
        ImageSet test = FashionMnist.bundled().load(FashionMnist.Split.TEST);
        try (NDManager manager = Engines.newManager(); LoadedRun prior = LoadedRun.open(new RunDirectory(run), manager);
             Sr3 model = sr3 == null ? null : Sr3.load(sr3, manager)) {
            if (prior.isGaussian() || prior.config().data().dim() != test.imageSize()) {
                throw new IllegalArgumentException(run + " is not a Fashion-MNIST image run (" + prior.config().data().dim()
                        + " values per sample, need " + test.imageSize() + "); train one with 'd4j train --data"
                        + " fashion-mnist --model unet'");
            }
            List<RestoreEval.Row> rows = RestoreEval.run(RestoreCommand.imageDenoiser(prior), prior.schedule(), model,
                    test, FidFmnist.shippedClassifier(manager), o, manager,
                    r -> System.err.printf(Locale.ROOT, "%-8s %-40s PSNR %6.2f (gain %+.2f ± %.2f)  SSIM %.3f  feat %.3f%s  (%d steps, %.0f s)%n",
                            r.task(), r.method(), r.psnr(), r.sample().psnrGain(), r.sample().psnrGainSe(), r.ssim(),
                            r.featureDistance(), r.mean() == null ? "" : String.format(Locale.ROOT,
                                    "; mean of %d: PSNR %.2f (gain %+.2f ± %.2f) SSIM %.3f feat %.3f", r.draws(),
                                    r.mean().psnr(), r.mean().psnrGain(), r.mean().psnrGainSe(), r.mean().ssim(),
                                    r.mean().featureDistance()), r.steps(), r.seconds()));
            System.out.println(Reports.toPrettyJson(RestoreEval.Table.of(o, rows)));
        }
        return 0;
    }
}
