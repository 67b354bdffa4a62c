package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.metrics.Psnr;
import io.diffusion4j.model.ClipPolicy;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code d4j restore}: degrade an image as the task says and restore it with a trained run as the prior, writing the
 * input, the measurement (at image size), K posterior samples and their mean side by side. Images are PNG files
 * (pixels mapped to [−1, 1], the image runs' data units) or .npy arrays (H, W) or (C, H, W) in the run's data units;
 * masks are PNG (white = observed) or .npy (1 = observed) of the image's size. {@code --method sr3} takes an SR3 model
 * directory ({@link Sr3}) as {@code --run}. Every option is checked before the run is loaded, each bad value giving
 * one line (exit 2).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Inpaint, deblur, super-resolve or denoise an image with a diffusion prior (DPS, ILVR, RePaint, replacement) or SR3.")
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "run directory of the prior (d4j train); for sr3 an SR3 model directory")
    Path run;
    @Option(names = "--task", required = true, description = "inpaint|deblur|superres|denoise")
    String task;
    @Option(names = "--method", required = true, description = "dps|ilvr|repaint|replace|sr3")
    String method;
    @Option(names = "--input", required = true, description = "clean image: .png, or .npy (H, W) or (C, H, W)")
    Path input;
    @Option(names = "--mask", description = "inpainting mask of the image's size: .png (white = observed) or .npy (1 = observed); default: centred box")
    Path mask;
    @Option(names = "--factor", defaultValue = "4", description = "super-resolution factor (must divide the image size); default ${DEFAULT-VALUE}")
    int factor;
    @Option(names = "--sigma-y", defaultValue = "0.05", description = "measurement noise σ_y ≥ 0; default ${DEFAULT-VALUE}")
    double sigmaY;
    @Option(names = "--blur-size", defaultValue = "9", description = "odd blur kernel size; default ${DEFAULT-VALUE}")
    int blurSize;
    @Option(names = "--blur-sigma", defaultValue = "2.0", description = "blur σ in pixels; default ${DEFAULT-VALUE}")
    double blurSigma;
    @Option(names = "--samples", defaultValue = "1", description = "posterior samples K; default ${DEFAULT-VALUE}")
    int samples;
    @Option(names = "--steps", description = "reverse steps (default 1000, RePaint 250)")
    Integer steps;
    @Option(names = "--zeta", description = "DPS step size ζ of Algorithm 1 (default 0.25 for inpaint, 0.15 otherwise)")
    Double zeta;
    @Option(names = "--jump", defaultValue = "10", description = "RePaint jump length; default ${DEFAULT-VALUE}")
    int jump;
    @Option(names = "--resample", defaultValue = "10", description = "RePaint resamplings; default ${DEFAULT-VALUE}")
    int resample;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the sampler noise and of the measurement noise; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--scale", defaultValue = "4", description = "PNG output: pixels per image pixel; default ${DEFAULT-VALUE}")
    int scale;
    @Option(names = "--out", required = true, description = "the restored image (the mean of the K samples): .png, or"
            + " .npy (C, H, W) in data units")
    Path out;
    @Option(names = "--strip", description = "also write input | measurement | K samples | mean side by side: .png strip"
            + " or .npy (K + 3, C, H, W); without the input under --measured")
    Path strip;
    @Option(names = "--measured", description = "--input is already degraded (masked, blurred, down-sampled or noisy):"
            + " restore it as it is instead of simulating the measurement from a clean image; image runs and sr3 only")
    boolean measured;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireWritableFile(out, "--out");
        OutputPaths.requireWritableFile(strip, "--strip");
        if (strip != null && strip.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--strip must name another file than --out " + out);
        }
        Task t = Task.parse(task);
        Task.Method m = Task.Method.parse(method);
        requireApplicable(t, m);
        RestoreSpec d = RestoreSpec.defaults(t, m);
        RestoreSpec spec = new RestoreSpec(t, m, factor, sigmaY, blurSize, blurSigma, samples,
                steps != null ? steps : d.steps(),
                zeta != null ? zeta : d.zeta(), jump, resample, seed);
        ImageFiles.requireFormat(out, "--out");
        if (strip != null) {
            ImageFiles.requireFormat(strip, "--strip");
        }
        Limits.require("--scale", scale, 1, 64);
        Tensor image = ImageFiles.read(input, "--input");
        Shape given = new Shape(image.shape());
        // under --measured a super-resolution input is the low-resolution image: the restored one is factor× larger
        Shape shape = measured && t == Task.SUPERRES
                ? new Shape(given.get(0), given.get(1) * factor, given.get(2) * factor) : given;
        for (int k = 1; k < shape.dimension(); k++) {
            Limits.require("the image side (--input)", shape.get(k), 1, Limits.MAX_IMAGE_SIDE);
        }
        Limits.requireMemory("--samples " + samples + " of a " + shape + " image", 8.0 * (samples + 3) * shape.size(),
                4.0 * 20 * (samples + 3) * shape.size());
        Mask userMask = mask == null ? null : readMask(mask);
        spec.operator(shape, userMask); // mask size and factor against the image, before loading the run
        try (NDManager manager = Engines.newManager(); Progress bar = new Progress("restore", 0)) {
            Restoration.Result r;
            java.util.function.UnaryOperator<NDArray> toData;
            if (m == Task.Method.SR3) {
                try (Sr3 sr3 = Sr3.load(run, manager)) {
                    sr3.requireFactor(factor);
                    RestoreSpec s = steps == null && spec.steps() > Sr3.SCHEDULE.T() ? spec.withSteps(Sr3.SCHEDULE.T()) : spec;
                    NDArray x = manager.create(image.data(), given);
                    StepListener l = bar.restart(s.steps()).sampling();
                    r = measured ? Restoration.restoreMeasured(y -> sr3.denoiser(y.y()), Sr3.SCHEDULE, x, shape, userMask, s, l)
                            : Restoration.restore(y -> sr3.denoiser(y.y()), Sr3.SCHEDULE, x, null, s, l);
                    toData = a -> a;
                }
            } else {
                try (LoadedRun prior = LoadedRun.open(new RunDirectory(run), manager)) {
                    if (prior.isGaussian()) {
                        throw new IllegalArgumentException(run + " is a Gaussian baseline, not a denoiser; give a network run");
                    }
                    int dim = Math.toIntExact(shape.size());
                    if (prior.config().data().dim() != dim) {
                        throw new IllegalArgumentException("run " + run + " models " + prior.config().data().dim()
                                + "-dimensional data but the image has " + dim + " values; give an image of the run's size");
                    }
                    if (measured && !prior.config().isImage()) {
                        throw new IllegalArgumentException("--measured needs an image run (pixels in [-1, 1]) or --method sr3;"
                                + " " + run + " models standardised rows: give the clean image instead");
                    }
                    Normalization norm = prior.normalization();
                    Denoiser model = imageDenoiser(prior);
                    int T = prior.schedule().T();
                    RestoreSpec s = steps == null && spec.steps() > T ? spec.withSteps(T) : spec;
                    if (measured) {
                        r = Restoration.restoreMeasured(y -> model, prior.schedule(), manager.create(image.data(), given),
                                shape, userMask, s, bar.restart(s.steps()).sampling());
                    } else {
                        NDArray x = norm.apply(new Points(1, dim, image.data())).toNDArray(manager).reshape(shape);
                        r = Restoration.restore(y -> model, prior.schedule(), x, userMask, s, bar.restart(s.steps()).sampling());
                    }
                    toData = a -> norm.invert(a.reshape(-1, dim)).reshape(new Shape(-1).addAll(shape));
                }
            }
            bar.close();
            ImageFiles.writeImage(out, toData.apply(r.mean()), scale);
            if (strip != null) {
                ImageFiles.writeStrip(strip, toData.apply(r.strip()), scale);
            }
            if (measured) {
                System.out.printf(Locale.ROOT, "%s %s: restored the measured image with %d samples; wrote their mean to %s%s%n",
                        t.id(), r.method(), samples, out, strip == null ? "" : " and the strip to " + strip);
            } else {
                NDArray clean = r.input().repeat(0, samples);
                System.out.printf(Locale.ROOT, "%s %s: wrote the mean of %d samples to %s%s; "
                                + "PSNR (model units, range 2): baseline %.2f dB, samples %.2f dB, mean %.2f dB%n",
                        t.id(), r.method(), samples, out, strip == null ? "" : " and the strip to " + strip,
                        Psnr.mean(r.measurement(), r.input(), 2), Psnr.mean(r.samples(), clean, 2), Psnr.mean(r.mean(), r.input(), 2));
            }
        }
        return 0;
    }

    /** Options read by only some tasks or methods are errors elsewhere; sizes within their limits. */
    private void requireApplicable(Task t, Task.Method m) {
        picocli.CommandLine.ParseResult p = commandSpec == null ? null : commandSpec.commandLine().getParseResult();
        java.util.function.Predicate<String> given = o -> p != null && p.hasMatchedOption(o);
        only(given.test("--mask"), t == Task.INPAINT, "--mask applies to --task inpaint");
        only(given.test("--factor"), t == Task.SUPERRES, "--factor applies to --task superres");
        only(given.test("--blur-size") || given.test("--blur-sigma"), t == Task.DEBLUR, "--blur-size and --blur-sigma apply to --task deblur");
        only(zeta != null, m == Task.Method.DPS, "--zeta applies to --method dps");
        only(given.test("--jump") || given.test("--resample"), m == Task.Method.REPAINT, "--jump and --resample apply to --method repaint");
        only(given.test("--scale"), ImageFiles.isPng(out) || (strip != null && ImageFiles.isPng(strip)), "--scale applies to .png output");
        Limits.require("--samples", samples, 1, Limits.MAX_REPEATS);
        if (steps != null) {
            Limits.require("--steps", steps, 1, Limits.MAX_T);
        }
        Limits.require("--factor", factor, 1, 64);
        Limits.require("--blur-size", blurSize, 1, 255);
        Limits.require("--jump", jump, 1, Limits.MAX_REPEATS);
        Limits.require("--resample", resample, 1, Limits.MAX_REPEATS);
    }

    private static void only(boolean given, boolean applies, String message) {
        if (given && !applies) {
            throw new IllegalArgumentException(message + " only; drop it");
        }
    }

    private static Mask readMask(Path mask) throws IOException {
        Tensor mt = ImageFiles.read(mask, "--mask");
        long[] ms = mt.shape();
        float[] keep = mt.data();
        if (ImageFiles.isPng(mask)) {
            keep = keep.clone();   // pixels in [−1, 1]: white (1) = observed
            for (int i = 0; i < keep.length; i++) {
                keep[i] = (keep[i] + 1) / 2;
            }
        }
        return Mask.of(keep, ms[0] == 1 ? new Shape(ms[1], ms[2]) : new Shape(ms));
    }

    /**
     * The run's denoiser over images (B, C, H, W) in its normalised units: a U-Net's as it is, a row model's through
     * {@link #flattening}; x̂₀ kept within 1.5× the training data's range (for point runs the rule of 'd4j sample --clip-x0 auto'; images keep the wider ±1.5 the restoration tables were measured with).
     */
    static Denoiser imageDenoiser(LoadedRun prior) {
        Denoiser model = prior.config().network() instanceof UNetSpec ? prior.denoiser() : flattening(prior.denoiser());
        return ClipPolicy.AUTO.apply(model, 1.5 * prior.config().data().x0Bound());
    }

    /** A denoiser over rows (B, d) used on images (B, C, H, W): flatten on the way in, restore the shape on the way out. */
    static Denoiser flattening(Denoiser rows) {
        return (x, level) -> {
            Shape s = x.getShape();
            Prediction p = rows.predict(x.reshape(s.get(0), -1), level);
            return new Prediction(x, p.x0().reshape(s), p.eps().reshape(s), level);
        };
    }
}
