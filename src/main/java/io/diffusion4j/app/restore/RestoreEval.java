package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.annotations.SerializedName;
import io.diffusion4j.app.restore.Task.Method;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.inverse.Measurement;
import io.diffusion4j.metrics.FeatureDistance;
import io.diffusion4j.metrics.Psnr;
import io.diffusion4j.metrics.Ssim;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.schedule.Schedule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The restoration table behind {@code d4j eval --metric restore}: on n test images, for box inpainting (centred
 * half-side box), ×4 (or ×N) super-resolution (average pooling, bicubic baseline), Gaussian blur and, optionally,
 * denoising (identity operator, its own σ), every method of the task beside the trivial baseline (masked input /
 * bicubic up-sampling / blurred input / noisy input) in PSNR, SSIM and the feature distance of a classifier's
 * penultimate features ({@link FeatureDistance}; the FID-FMNIST network for Fashion-MNIST). K posterior draws per
 * image: each row scores the first draw (a posterior sample) and, for K &gt; 1, the mean of the K draws (the
 * Monte-Carlo posterior mean, the estimate that PSNR rewards), each with the standard error of its paired per-image
 * PSNR gain over the baseline. Samples and baselines are clipped to [−1, 1] before scoring. All methods and draws of
 * a task see the same measurements (same seed, same σ_y).
 */
public final class RestoreEval {
    /** Data range of pixels in [−1, 1]. */
    private static final double RANGE = 2;
    /** What the numbers of the table are (its "metrics" entry). */
    private static final String METRICS = "PSNR (dB, range 2), SSIM (11×11 Gaussian window), feature distance"
            + " (FID-FMNIST penultimate features, L2), psnr_gain = mean per-image PSNR gain over the task's baseline with"
            + " its paired standard error; top-level scores are the first posterior draw per image, mean_of_draws the"
            + " mean of the draws; all clipped to [-1, 1]";

    private RestoreEval() {
    }

    /**
     * The evaluation's knobs.
     *
     * @param steps        reverse steps for replacement, ILVR, SR3 and RePaint (RePaint's grid before its jumps)
     * @param dpsSteps     reverse steps for DPS (it back-propagates through the network at every step)
     * @param zetaScale    DPS ζ as a multiple of the 1000-step default of {@link RestoreSpec#defaults}
     * @param resample     RePaint resamplings r (jump length 10)
     * @param methods      the methods to run (the baselines always are)
     * @param factor       the super-resolution factor (4 in the table)
     * @param draws        posterior draws K per image (the first is scored alone, all K through their mean)
     * @param denoiseSigma σ of the denoising task (0 leaves the task out); the other tasks use sigmaY
     * @param only         the tasks to run (null: inpainting, super-resolution, deblurring, and denoising when
     *                     denoiseSigma &gt; 0)
     */
    public record Options(int n, int steps, int dpsSteps, double zetaScale, int resample, double sigmaY, long seed,
                          Set<Method> methods, int factor, int draws, double denoiseSigma, Set<Task> only) {

        public Options {
            if (n < 1 || steps < 1 || dpsSteps < 1 || resample < 1 || draws < 1) {
                throw new IllegalArgumentException("--n, --steps, --dps-steps, --resample and --draws must be >= 1");
            }
            if (!(zetaScale >= 0)) {
                throw new IllegalArgumentException("--zeta-scale must be >= 0, got " + zetaScale);
            }
            Measurement.checkSigmaY(sigmaY);
            if (!(denoiseSigma >= 0) || !Double.isFinite(denoiseSigma)) {
                throw new IllegalArgumentException("--denoise-sigma must be a finite number >= 0 (0 leaves the denoising"
                        + " task out), got " + denoiseSigma);
            }
            methods = methods == null ? EnumSet.allOf(Method.class) : EnumSet.copyOf(methods);
            only = only == null ? null : EnumSet.copyOf(only);
            if (only != null && only.contains(Task.DENOISE) && !(denoiseSigma > 0)) {
                throw new IllegalArgumentException("the denoise task needs --denoise-sigma > 0 (its noise level), e.g. 0.2");
            }
            if (factor < 1) {
                throw new IllegalArgumentException("--factor must be >= 1, got " + factor);
            }
        }

        /** All methods, ×4 super-resolution, one draw, no denoising task. */
        public Options(int n, int steps, int dpsSteps, double zetaScale, int resample, double sigmaY, long seed) {
            this(n, steps, dpsSteps, zetaScale, resample, sigmaY, seed, null, 4, 1, 0, null);
        }

        /** The tasks this evaluation runs, in table order. */
        List<Task> tasks() {
            return List.of(Task.INPAINT, Task.SUPERRES, Task.DEBLUR, Task.DENOISE).stream()
                    .filter(t -> only != null ? only.contains(t) : t != Task.DENOISE || denoiseSigma > 0).toList();
        }
    }

    /** Scores of one estimate over n images: mean PSNR (dB), SSIM, feature distance, and the paired PSNR gain's SE. */
    public record Scores(double psnr, double ssim, double featureDistance, double psnrGain, double psnrGainSe) {
    }

    /**
     * One line of the table: the first draw's scores ({@code psnr} … {@code psnrGainSe}, a posterior sample), the
     * K-draw mean's ({@code mean}, key mean_of_draws; null when K = 1 or for a baseline, and then left out of the
     * JSON), and the wall time of all K draws.
     */
    public record Row(String task, String method, int n, int steps, int draws, double psnr, double ssim,
                      double featureDistance, double psnrGain, double psnrGainSe,
                      @SerializedName("mean_of_draws") Scores mean, double seconds) {

        /** The row whose first draw scored {@code sample}. */
        public static Row of(String task, String method, int n, int steps, int draws, Scores sample, Scores mean,
                             double seconds) {
            return new Row(task, method, n, steps, draws, sample.psnr(), sample.ssim(), sample.featureDistance(),
                    sample.psnrGain(), sample.psnrGainSe(), mean, seconds);
        }

        /** The first draw's scores. */
        public Scores sample() {
            return new Scores(psnr, ssim, featureDistance, psnrGain, psnrGainSe);
        }
    }

    /** The table as written to JSON ({@link io.diffusion4j.io.Reports}): the options, what the metrics are, the rows. */
    public record Table(int n, double sigmaY, int superresFactor, long seed, int draws, double denoiseSigma,
                        String metrics, List<Row> rows) {

        /** The rows of a run under the options {@code o}. */
        public static Table of(Options o, List<Row> rows) {
            return new Table(o.n(), o.sigmaY(), o.factor(), o.seed(), o.draws(), o.denoiseSigma(), METRICS,
                    List.copyOf(rows));
        }
    }

    /** The tasks of the table, in order, each with its baseline's name. */
    static final Map<Task, String> TASKS = Map.of(Task.INPAINT, "masked input", Task.SUPERRES, "bicubic",
            Task.DEBLUR, "blurred input", Task.DENOISE, "noisy input");

    /**
     * Runs the table on the first n images of {@code test} with the unconditional {@code prior} and, when not null,
     * an SR3 model for ×4; {@code features} scores the feature distance. Rows: per task the baseline, then each method.
     */
    public static List<Row> run(Denoiser prior, Schedule schedule, Sr3 sr3, ImageSet test, NetworkClassifier features,
                                Options o, NDManager manager, Consumer<Row> log) {
        ImageSet truth = test.head(Math.min(o.n(), test.n()));
        List<Row> rows = new ArrayList<>();
        try (NDManager tm = manager.newSubManager()) {
            NDArray images = truth.toNDArray(tm);
            for (Task task : o.tasks()) {
                List<Method> methods = switch (task) {
                    case INPAINT -> List.of(Method.REPLACE, Method.REPAINT, Method.DPS);
                    case SUPERRES -> sr3 != null ? List.of(Method.ILVR, Method.REPLACE, Method.DPS, Method.SR3)
                            : List.of(Method.ILVR, Method.REPLACE, Method.DPS);
                    default -> List.of(Method.DPS);
                };
                double[] baselinePsnr = null;
                for (Method method : methods.stream().filter(o.methods()::contains).toList()) {
                    if (method == Method.SR3) {
                        sr3.requireFactor(o.factor());
                    }
                    RestoreSpec d = RestoreSpec.defaults(task, method);
                    int steps = method == Method.DPS ? o.dpsSteps() : o.steps();
                    RestoreSpec spec = new RestoreSpec(task, method, o.factor(),
                            task == Task.DENOISE ? o.denoiseSigma() : o.sigmaY(), d.blurSize(), d.blurSigma(), 1,
                            Math.min(steps, schedule.T()), d.zeta() * o.zetaScale(), d.jumpLength(), o.resample(), o.seed());
                    Function<Measurement, Denoiser> bound = method == Method.SR3 ? m -> sr3.denoiser(m.y()) : m -> prior;
                    Schedule s = method == Method.SR3 ? Sr3.SCHEDULE : schedule;
                    try (NDManager m = tm.newSubManager()) {
                        long t0 = System.nanoTime();
                        // restoreEach leaves its results in the manager of the images it is given, so each scope
                        // gets its own copy of them: a draw's arrays are freed with its scope
                        Restoration.Result first = Restoration.restoreEach(bound, s, copyIn(images, m), null, spec, 0);
                        NDArray sum = first.samples().clip(-1, 1);
                        String name = method.id() + " [" + first.method() + "]";
                        for (int k = 1; k < o.draws(); k++) {
                            try (NDManager dm = m.newSubManager()) {
                                NDArray draw = Restoration.restoreEach(bound, s, copyIn(images, dm), null, spec, k)
                                        .samples().clip(-1, 1);
                                NDArray next = sum.add(draw);
                                next.attach(m);
                                sum = next;
                            }
                        }
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        if (baselinePsnr == null) {   // the measurements are the same for every method of the task
                            baselinePsnr = Psnr.perImage(clipped(first.measurement(), images), images, RANGE);
                            rows.add(Row.of(task.id(), "baseline: " + TASKS.get(task), (int) images.getShape().get(0), 0, 0,
                                    scores(first.measurement(), images, features, baselinePsnr), null, 0));
                            log.accept(rows.get(rows.size() - 1));
                        }
                        Scores mean = o.draws() > 1
                                ? scores(sum.div(m.create((float) o.draws())), images, features, baselinePsnr) : null;
                        rows.add(Row.of(task.id(), name, (int) images.getShape().get(0), spec.steps(), o.draws(),
                                scores(first.samples(), images, features, baselinePsnr), mean, seconds));
                        log.accept(rows.get(rows.size() - 1));
                    }
                }
            }
        }
        return rows;
    }

    private static NDArray copyIn(NDArray x, NDManager scope) {
        NDArray c = x.duplicate();
        c.attach(scope);
        return c;
    }

    private static NDArray clipped(NDArray x, NDArray truth) {
        return x.clip(-1, 1).toType(truth.getDataType(), false);
    }

    /** The estimate x (clipped to [−1, 1]) scored against the truth, with its per-image PSNR gain over the baseline. */
    private static Scores scores(NDArray x, NDArray truth, NetworkClassifier features, double[] baselinePsnr) {
        NDArray c = clipped(x, truth);
        double fd = FeatureDistance.mean(features.features(ImageSet.of(c)), features.features(ImageSet.of(truth)));
        double[] psnr = Psnr.perImage(c, truth, RANGE);
        double[] gain = new double[psnr.length];
        for (int i = 0; i < psnr.length; i++) {
            gain[i] = psnr[i] - baselinePsnr[i];
        }
        return new Scores(mean(psnr), Ssim.mean(c, truth, RANGE), fd, mean(gain), standardError(gain));
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Standard error of the mean, s/√n with the unbiased sample variance (NaN for n &lt; 2). */
    private static double standardError(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double mu = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mu) * (x - mu);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
