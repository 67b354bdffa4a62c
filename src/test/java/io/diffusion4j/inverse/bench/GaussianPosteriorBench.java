package io.diffusion4j.inverse.bench;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Points;
import io.diffusion4j.inverse.DownSample;
import io.diffusion4j.inverse.Dps;
import io.diffusion4j.inverse.GaussianBlur;
import io.diffusion4j.inverse.GaussianProblem;
import io.diffusion4j.inverse.Ilvr;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.inverse.MeasurementOperator;
import io.diffusion4j.inverse.RePaint;
import io.diffusion4j.inverse.Replacement;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;

import java.util.Locale;

/**
 * The Gaussian exactness table: every method with the exact oracle prior against the closed-form p(x₀ | y), on
 * 4×4 images (d = 16), linear schedule T = 1000, DDPM (β̃) steps. Columns: errors of the sample mean and covariance,
 * their Monte-Carlo floors at this n, the error of ignoring y (prior mean vs posterior mean), evaluations, seconds.
 * Run after {@code mvn test-compile}:
 * {@code java -Dai.djl.pytorch.num_threads=1 -cp target/classes:target/test-classes:CP
 * io.diffusion4j.inverse.bench.GaussianPosteriorBench [n]}.
 */
public final class GaussianPosteriorBench {
    private static final Schedule SCHEDULE = Schedule.linear(1000, 1e-4, 0.02);
    private static final DdpmSampler DDPM = new DdpmSampler(ReverseVariance.FIXED_SMALL);

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        TimeGrid grid = TimeGrid.of(SCHEDULE, 100, Spacing.UNIFORM);
        System.out.printf(Locale.ROOT, "n = %d, linear T = 1000, 100 uniform steps unless noted, DDPM (β̃)%n", n);
        System.out.printf(Locale.ROOT, "| %-22s | %-24s | %8s | %8s | %8s | %8s | %8s | %5s | %6s |%n", "problem", "method",
                "mean err", "floor", "cov err", "floor", "ignore y", "NFE", "s");
        try (NDManager m = Engines.newManager()) {
            GaussianProblem free = new GaussianProblem(m, MeasurementOperator.identity(), 1.0, n, 1);
            row(free, "none (prior)", "ddpm", DDPM, free.oracle, grid, n, free.prior);
            Mask box = Mask.box(4, 4, 1, 1, 2, 2);
            for (double sy : new double[] {0.0, 0.1}) {
                GaussianProblem g = new GaussianProblem(m, box, sy, n, 1);
                String p = "box 2×2, σ_y=" + sy;
                Replacement rep = new Replacement(g.measurement);
                row(g, p, "replace", rep.sampler(DDPM), g.oracle, grid, n, g.posterior);
                for (int r : new int[] {2, 5, 10}) {
                    row(g, p, "repaint j=10 r=" + r, new RePaint(DDPM, rep, 10, r), g.oracle, grid, n, g.posterior);
                }
                for (double zeta : new double[] {0.05, 0.1, 0.2}) {
                    row(g, p, "dps ζ=" + zeta, DDPM, new Dps(g.oracle, g.measurement, zeta, grid), grid, n, g.posterior);
                }
            }
            GaussianProblem blur = new GaussianProblem(m, new GaussianBlur(3, 1.0), 0.1, n, 1);
            for (double zeta : new double[] {0.03, 0.1, 0.3}) {
                row(blur, "blur 3×3 σ=1, σ_y=0.1", "dps ζ=" + zeta, DDPM, new Dps(blur.oracle, blur.measurement, zeta, grid),
                        grid, n, blur.posterior);
            }
            GaussianProblem down = new GaussianProblem(m, new DownSample(2, DownSample.Upsampling.BICUBIC), 0.0, n, 1);
            String p = "pool ×2, σ_y=0";
            row(down, p, "replace (= ilvr nearest)", new Replacement(down.measurement).sampler(DDPM), down.oracle, grid, n, down.posterior);
            row(down, p, "ilvr bicubic", Ilvr.forMeasurement(down.measurement).sampler(DDPM), down.oracle, grid, n, down.posterior);
            row(down, p, "repaint j=10 r=5", new RePaint(DDPM, new Replacement(down.measurement), 10, 5), down.oracle, grid, n,
                    down.posterior);
            for (double zeta : new double[] {0.05, 0.1, 0.2}) {
                row(down, p, "dps ζ=" + zeta, DDPM, new Dps(down.oracle, down.measurement, zeta, grid), grid, n, down.posterior);
            }
            GaussianProblem noisy = new GaussianProblem(m, MeasurementOperator.identity(), 0.3, n, 1);
            for (double zeta : new double[] {0.03, 0.1, 0.3}) {
                row(noisy, "identity, σ_y=0.3", "dps ζ=" + zeta, DDPM, new Dps(noisy.oracle, noisy.measurement, zeta, grid),
                        grid, n, noisy.posterior);
            }
            GaussianProblem exact = new GaussianProblem(m, box, 0.0, n, 1);
            TimeGrid fine = TimeGrid.of(SCHEDULE, 250, Spacing.UNIFORM);
            for (int r : new int[] {1, 2, 5, 10}) {
                row(exact, "box 2×2, σ_y=0.0", "repaint j=10 r=" + r + ", 250 st", new RePaint(DDPM,
                        new Replacement(exact.measurement), 10, r), exact.oracle, fine, n, exact.posterior);
            }
            GaussianProblem g = new GaussianProblem(m, box, 0.1, n, 1);
            for (int steps : new int[] {50, 100, 250, 1000}) {
                TimeGrid gs = TimeGrid.of(SCHEDULE, steps, Spacing.UNIFORM);
                double zeta = 10.0 / steps;
                row(g, "box 2×2, σ_y=0.1", "dps ζ=" + zeta + ", " + steps + " steps", DDPM,
                        new Dps(g.oracle, g.measurement, zeta, gs), gs, n, g.posterior);
            }
        }
    }

    private static void row(GaussianProblem g, String problem, String method, Sampler s, Denoiser model, TimeGrid grid,
                            int n, GaussianMixture target) {
        long t0 = System.nanoTime();
        Points p = g.sample(s, model, grid, n, 11);
        double sec = (System.nanoTime() - t0) / 1e9;
        double[] e = GaussianProblem.errors(p, target);
        double[] f = GaussianProblem.floors(target, n);
        double[] a = g.prior.mean();
        double[] b = target.mean();
        double ignore = 0;
        for (int i = 0; i < a.length; i++) {
            ignore += (a[i] - b[i]) * (a[i] - b[i]);
        }
        System.out.printf(Locale.ROOT, "| %-22s | %-24s | %8.4f | %8.4f | %8.4f | %8.4f | %8.4f | %5d | %6.1f |%n", problem,
                method, e[0], f[0], e[1], f[1], Math.sqrt(ignore), s.nfe(grid), sec);
    }
}
