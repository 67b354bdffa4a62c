package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.metrics.Psnr;
import io.diffusion4j.model.ClippedDenoiser;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.run.LoadedRun;
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
 * input, the measurement (at image size), K posterior samples and their mean side by side. Images are .npy arrays
 * (H, W) or (C, H, W) in the run's data units; masks are .npy arrays of the image's size with 1 = observed.
 * Every option is checked before the run is loaded, each bad value giving one line (exit 2).
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Inpaint, deblur, super-resolve or denoise an image with a diffusion prior (DPS, ILVR, RePaint, replacement).")
public final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "run directory of the prior (d4j train)")
    Path run;
    @Option(names = "--task", required = true, description = "inpaint|deblur|superres|denoise")
    String task;
    @Option(names = "--method", required = true, description = "dps|ilvr|repaint|replace|sr3")
    String method;
    @Option(names = "--input", required = true, description = "clean image, .npy (H, W) or (C, H, W)")
    Path input;
    @Option(names = "--mask", description = "inpainting mask, .npy of the image's size, 1 = observed (default: centred box)")
    Path mask;
    @Option(names = "--factor", defaultValue = "4", description = "super-resolution factor (must divide the image size)")
    int factor;
    @Option(names = "--sigma-y", defaultValue = "0.05", description = "measurement noise σ_y ≥ 0")
    double sigmaY;
    @Option(names = "--blur-size", defaultValue = "9", description = "odd blur kernel size")
    int blurSize;
    @Option(names = "--blur-sigma", defaultValue = "2.0", description = "blur σ in pixels")
    double blurSigma;
    @Option(names = "--samples", defaultValue = "1", description = "posterior samples K")
    int samples;
    @Option(names = "--steps", description = "reverse steps (default 1000, RePaint 250)")
    Integer steps;
    @Option(names = "--zeta", description = "DPS step size ζ of Algorithm 1 (default 0.25 for inpaint, 0.15 otherwise)")
    Double zeta;
    @Option(names = "--jump", defaultValue = "10", description = "RePaint jump length")
    int jump;
    @Option(names = "--resample", defaultValue = "10", description = "RePaint resamplings")
    int resample;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--out", required = true, description = "output .npy (K + 3, C, H, W): input, measurement, samples, mean")
    Path out;

    @Override
    public Integer call() throws IOException {
        Task t = Task.parse(task);
        Task.Method m = Task.Method.parse(method);
        RestoreSpec d = RestoreSpec.defaults(t, m);
        RestoreSpec spec = new RestoreSpec(t, m, factor, sigmaY, blurSize, blurSigma, samples,
                steps != null ? steps : d.steps(),
                zeta != null ? zeta : d.zeta(), jump, resample, seed);
        requireNpy(out, "--out");
        Tensor image = readImage(input, "--input");
        Shape shape = new Shape(image.shape());
        Mask userMask = null;
        if (mask != null) {
            Tensor mt = readImage(mask, "--mask");
            long[] ms = mt.shape();
            userMask = Mask.of(mt.data(), ms[0] == 1 ? new Shape(ms[1], ms[2]) : new Shape(ms));
        }
        spec.operator(shape, userMask); // mask size and factor against the image, before loading the run
        try (NDManager manager = Engines.newManager(); LoadedRun prior = LoadedRun.open(new RunDirectory(run), manager)) {
            if (prior.isGaussian()) {
                throw new IllegalArgumentException(run + " is a Gaussian baseline, not a denoiser; give a network run");
            }
            int dim = Math.toIntExact(shape.size());
            if (prior.config().dim() != dim) {
                throw new IllegalArgumentException("run " + run + " models " + prior.config().dim()
                        + "-dimensional data but the image has " + dim + " values; give an image of the run's size");
            }
            Normalization norm = prior.normalization();
            NDArray x = norm.apply(new Points(1, dim, image.data())).toNDArray(manager).reshape(shape);
            // x̂₀ kept within 1.5× the training data's range, as 'd4j sample' does by default
            double bound = 1.5 * prior.config().x0Bound();
            Denoiser model = flattening(prior.denoiser());
            if (bound > 0) {
                model = new ClippedDenoiser(model, -bound, bound);
            }
            int T = prior.schedule().T();
            Restoration.Result r = Restoration.restore(model, prior.schedule(), x, userMask,
                    steps == null && spec.steps() > T ? spec.withSteps(T) : spec);
            NDArray strip = norm.invert(r.strip().reshape(-1, dim)).reshape(new Shape(-1).addAll(shape));
            Npy.write(out, new Tensor(strip.getShape().getShape(), strip.toFloatArray()));
            NDArray clean = r.input().repeat(0, samples);
            System.out.printf(Locale.ROOT, "%s %s: wrote input, measurement, %d samples and their mean to %s; "
                            + "PSNR (normalised units, range 2): baseline %.2f dB, samples %.2f dB, mean %.2f dB%n",
                    t.id(), r.method(), samples, out, Psnr.mean(r.measurement(), r.input(), 2),
                    Psnr.mean(r.samples(), clean, 2), Psnr.mean(r.mean(), r.input(), 2));
        }
        return 0;
    }

    /** A denoiser over rows (B, d) used on images (B, C, H, W): flatten on the way in, restore the shape on the way out. */
    static Denoiser flattening(Denoiser rows) {
        return (x, level) -> {
            Shape s = x.getShape();
            Prediction p = rows.predict(x.reshape(s.get(0), -1), level);
            return new Prediction(x, p.x0().reshape(s), p.eps().reshape(s), level);
        };
    }

    private static Tensor readImage(Path file, String option) throws IOException {
        requireNpy(file, option);
        if (!file.toFile().isFile()) {
            throw new IllegalArgumentException(option + " " + file + " does not exist; give an existing .npy file");
        }
        Tensor t = Npy.read(file);
        long[] s = t.shape();
        if (s.length == 2) {
            return new Tensor(new long[] {1, s[0], s[1]}, t.data());
        }
        if (s.length == 3) {
            return t;
        }
        if (s.length == 4 && s[0] == 1) {
            return new Tensor(new long[] {s[1], s[2], s[3]}, t.data());
        }
        throw new IllegalArgumentException(option + " must hold one image (H, W) or (C, H, W), got shape "
                + java.util.Arrays.toString(s));
    }

    private static void requireNpy(Path file, String option) {
        if (!file.toString().endsWith(".npy")) {
            throw new IllegalArgumentException(option + " must name a .npy array (PNG images are not supported yet), got " + file);
        }
    }
}
