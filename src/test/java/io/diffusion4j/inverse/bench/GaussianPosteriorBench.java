package io.diffusion4j.inverse.bench;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Points;
import io.diffusion4j.guidance.Dps;
import io.diffusion4j.inverse.DownSample;
import io.diffusion4j.inverse.GaussianBlur;
import io.diffusion4j.inverse.GaussianProblem;
import io.diffusion4j.inverse.Ilvr;
import io.diffusion4j.inverse.Mask;
import io.diffusion4j.inverse.MeasurementOperator;
import io.diffusion4j.inverse.RePaint;
import io.diffusion4j.inverse.Replacement;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.Spacing;
import io.diffusion4j.sampler.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;

import java.util.Locale;

/**
 * The Gaussian exactness table: every method against the closed-form p(x₀ | y) with the oracle prior.
 * Run: {@code mvn -q test-compile exec:java} is not configured, so
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.diffusion4j.inverse.bench.GaussianPosteriorBench [n] [steps]}.
 */
public final class GaussianPosteriorBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        TimeGrid grid = TimeGrid.of(schedule, steps, Spacing.UNIFORM);
        DdpmSampler ddpm = new DdpmSampler(DdpmSampler.Variance.SMALL);
        System.out.printf(Locale.ROOT, "n = %d, linear T = 1000, %d uniform steps, DDPM (β̃)%n", n, steps);
        System.out.printf(Locale.ROOT, "%-34s %-22s %9s %9s %9s %9s %9s %7s%n", "problem", "method", "mean_err", "mean_fl",
                "cov_err", "cov_fl", "prior_me", "sec");
        try (NDManager m = Engines.newManager()) {
            {
                GaussianProblem g = new GaussianProblem(m, MeasurementOperator.identity(), 1.0, n, 1);
                row(g, "unconditional", "ddpm", ddpm, g.oracle, grid, n, g.prior);
            }
            Mask box = Mask.box(4, 4, 1, 1, 2, 2);
            for (double sy : new double[] {0.0, 0.1}) {
                GaussianProblem g = new GaussianProblem(m, box, sy, n, 1);
                String p = "box 2×2, σ_y=" + sy;
                Replacement rep = new Replacement(g.measurement);
                row(g, p, "replace", rep.sampler(ddpm), g.oracle, grid, n, g.posterior);
                for (int r : new int[] {2, 5, 10}) {
                    row(g, p, "repaint j=10 r=" + r, new RePaint(ddpm, rep, 10, r), g.oracle, grid, n, g.posterior);
                }
                for (double zeta : new double[] {0.1, 0.3, 1.0}) {
                    row(g, p, "dps ζ=" + zeta, ddpm, new Dps(g.oracle, g.measurement, zeta, grid), grid, n, g.posterior);
                }
            }
            {
                GaussianProblem g = new GaussianProblem(m, new GaussianBlur(3, 1.0), 0.1, n, 1);
                for (double zeta : new double[] {0.1, 0.3, 1.0}) {
                    row(g, "blur k3 σ1, σ_y=0.1", "dps ζ=" + zeta, ddpm, new Dps(g.oracle, g.measurement, zeta, grid), grid, n, g.posterior);
                }
            }
            for (double sy : new double[] {0.0, 0.1}) {
                GaussianProblem g = new GaussianProblem(m, new DownSample(2, DownSample.Upsampling.BICUBIC), sy, n, 1);
                String p = "down ×2, σ_y=" + sy;
                row(g, p, "replace", new Replacement(g.measurement).sampler(ddpm), g.oracle, grid, n, g.posterior);
                row(g, p, "ilvr bicubic", Ilvr.forMeasurement(g.measurement).sampler(ddpm), g.oracle, grid, n, g.posterior);
                for (double zeta : new double[] {0.1, 0.3, 1.0}) {
                    row(g, p, "dps ζ=" + zeta, ddpm, new Dps(g.oracle, g.measurement, zeta, grid), grid, n, g.posterior);
                }
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
        double priorMe = GaussianProblem.errors(g.prior.sample(n, new io.diffusion4j.noise.NoiseSource(5)), target)[0];
        System.out.printf(Locale.ROOT, "%-34s %-22s %9.4f %9.4f %9.4f %9.4f %9.4f %7.1f%n", problem, method, e[0], f[0],
                e[1], f[1], priorMe, sec);
    }
}
