package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The restoration table behind {@code d4j eval --metric restore}: on n test images, for box inpainting (centred
 * half-side box), ×4 (or ×N) super-resolution (average pooling, bicubic baseline) and Gaussian blur, every method of the task
 * beside the trivial baseline (masked input / bicubic up-sampling / blurred input) in PSNR, SSIM and the feature
 * distance of a classifier's penultimate features ({@link FeatureDistance}; the FID-FMNIST network for Fashion-MNIST).
 * One posterior sample per image; samples and baselines are clipped to [−1, 1] before scoring. All methods of a task
 * see the same measurements (same seed, same σ_y).
 */
public final class RestoreEval {
    /** Data range of pixels in [−1, 1]. */
    private static final double RANGE = 2;

    private RestoreEval() {
    }

    /**
     * The evaluation's knobs.
     *
     * @param steps      reverse steps for replacement, ILVR, SR3 and RePaint (RePaint's grid before its jumps)
     * @param dpsSteps   reverse steps for DPS (it back-propagates through the network at every step)
     * @param zetaScale  DPS ζ as a multiple of the 1000-step default of {@link RestoreSpec#defaults}
     * @param resample   RePaint resamplings r (jump length 10)
     * @param methods    the methods to run (the baselines always are)
     * @param factor     the super-resolution factor (4 in the table)
     */
    public record Options(int n, int steps, int dpsSteps, double zetaScale, int resample, double sigmaY, long seed,
                          Set<Method> methods, int factor) {

        public Options {
            if (n < 1 || steps < 1 || dpsSteps < 1 || resample < 1) {
                throw new IllegalArgumentException("--n, --steps, --dps-steps and --resample must be >= 1");
            }
            if (!(zetaScale >= 0)) {
                throw new IllegalArgumentException("--zeta-scale must be >= 0, got " + zetaScale);
            }
            Measurement.checkSigmaY(sigmaY);
            methods = methods == null ? EnumSet.allOf(Method.class) : EnumSet.copyOf(methods);
            if (factor < 1) {
                throw new IllegalArgumentException("--factor must be >= 1, got " + factor);
            }
        }

        /** All methods, ×4 super-resolution. */
        public Options(int n, int steps, int dpsSteps, double zetaScale, int resample, double sigmaY, long seed) {
            this(n, steps, dpsSteps, zetaScale, resample, sigmaY, seed, null, 4);
        }
    }

    /** One line of the table: mean PSNR (dB), SSIM and feature distance over n images, and the method's wall time. */
    public record Row(String task, String method, int n, int steps, double psnr, double ssim, double featureDistance,
                      double seconds) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("task", task);
            m.put("method", method);
            m.put("n", n);
            m.put("steps", steps);
            m.put("psnr", psnr);
            m.put("ssim", ssim);
            m.put("feature_distance", featureDistance);
            m.put("seconds", seconds);
            return m;
        }
    }

    /** The tasks of the table, in order, each with its baseline's name. */
    static final Map<Task, String> TASKS = Map.of(Task.INPAINT, "masked input", Task.SUPERRES, "bicubic",
            Task.DEBLUR, "blurred input");

    /**
     * Runs the table on the first n images of {@code test} with the unconditional {@code prior} and, when not null,
     * an SR3 model for ×4; {@code features} scores the feature distance. Rows: per task the baseline, then each method.
     */
    public static List<Row> run(Denoiser prior, Schedule schedule, Sr3 sr3, ImageSet test, NetworkClassifier features,
                                Options o, NDManager manager, Consumer<Row> log) {
        ImageSet truth = test.head(Math.min(o.n(), test.n()));
        List<Row> rows = new ArrayList<>();
        for (Task task : new Task[] {Task.INPAINT, Task.SUPERRES, Task.DEBLUR}) {
            List<Method> methods = switch (task) {
                case INPAINT -> List.of(Method.REPLACE, Method.REPAINT, Method.DPS);
                case SUPERRES -> sr3 != null ? List.of(Method.ILVR, Method.REPLACE, Method.DPS, Method.SR3)
                        : List.of(Method.ILVR, Method.REPLACE, Method.DPS);
                default -> List.of(Method.DPS);
            };
            boolean baselineDone = false;
            for (Method method : methods.stream().filter(o.methods()::contains).toList()) {
                if (method == Method.SR3) {
                    sr3.requireFactor(o.factor());
                }
                RestoreSpec d = RestoreSpec.defaults(task, method);
                int steps = method == Method.DPS ? o.dpsSteps() : o.steps();
                RestoreSpec spec = new RestoreSpec(task, method, o.factor(), o.sigmaY(), d.blurSize(), d.blurSigma(), 1,
                        Math.min(steps, schedule.T()), d.zeta() * o.zetaScale(), d.jumpLength(), o.resample(), o.seed());
                Function<Measurement, Denoiser> bound = method == Method.SR3 ? m -> sr3.denoiser(m.y()) : m -> prior;
                Schedule s = method == Method.SR3 ? Sr3.SCHEDULE : schedule;
                try (NDManager m = manager.newSubManager()) {
                    long t0 = System.nanoTime();
                    Restoration.Result r = Restoration.restoreEach(bound, s, truth.toNDArray(m), null, spec);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!baselineDone) {   // the measurements are the same for every method of the task
                        rows.add(score(task, "baseline: " + TASKS.get(task), 0, r.measurement(), r.input(), features, 0));
                        log.accept(rows.get(rows.size() - 1));
                        baselineDone = true;
                    }
                    rows.add(score(task, method.id() + " [" + r.method() + "]", spec.steps(), r.samples(), r.input(),
                            features, seconds));
                    log.accept(rows.get(rows.size() - 1));
                }
            }
        }
        return rows;
    }

    private static Row score(Task task, String method, int steps, NDArray x, NDArray truth, NetworkClassifier features,
                             double seconds) {
        NDArray clipped = x.clip(-1, 1).toType(truth.getDataType(), false);
        double fd = FeatureDistance.mean(features.features(ImageSet.of(clipped)), features.features(ImageSet.of(truth)));
        return new Row(task.id(), method, (int) truth.getShape().get(0), steps, Psnr.mean(clipped, truth, RANGE),
                Ssim.mean(clipped, truth, RANGE), fd, seconds);
    }

    /** The table as JSON-ready data: the options and the rows. */
    public static Map<String, Object> toMap(Options o, List<Row> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", o.n());
        m.put("sigma_y", o.sigmaY());
        m.put("superres_factor", o.factor());
        m.put("seed", o.seed());
        m.put("metrics", "PSNR (dB, range 2), SSIM (11×11 Gaussian window), feature distance (FID-FMNIST penultimate"
                + " features, L2); one posterior sample per image, clipped to [-1, 1]");
        m.put("rows", rows.stream().map(Row::toMap).toList());
        return m;
    }
}
