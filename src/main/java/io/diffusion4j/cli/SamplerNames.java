package io.diffusion4j.cli;

import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.sampler.AnnealedLangevinSampler;
import io.diffusion4j.sampler.DpmSolverPlusPlus2M;
import io.diffusion4j.sampler.EulerMaruyamaSampler;
import io.diffusion4j.sampler.LangevinCorrector;
import io.diffusion4j.sampler.PredictorCorrectorSampler;
import io.diffusion4j.sampler.ProbabilityFlowSampler;
import io.diffusion4j.sampler.ReverseDiffusionSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sde.SdeGrids;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.ProcessKind;
import io.diffusion4j.sde.Sde;

import java.util.Locale;

/**
 * The CLI names of the score-SDE processes and samplers ({@code --process vp-sde|subvp-sde|ve-sde},
 * {@code --sampler em|pc|ode-euler|ode-heun|ode-rk45|ald|dpmpp-2m}), mapped to objects with one-line
 * {@link IllegalArgumentException}s for bad values. Each sampler comes with the grid it is meant for:
 * em, pc, ode-euler: uniform in t (Song et al. 2021); ode-heun: Karras ρ = 7; ode-rk45: the two ends, the solver
 * picks its steps; ald: σ levels geometric (uniform in log-SNR); dpmpp-2m: uniform in log-SNR (Lu et al. 2022).
 */
public final class SamplerNames {
    public static final String PROCESSES = "vp-sde|subvp-sde|ve-sde";
    public static final String SAMPLERS = "em|pc|ode-euler|ode-heun|ode-rk45|ald|dpmpp-2m";
    /** Names a run records for a model trained on a discrete schedule (core DenoisingObjective). */
    public static final String DISCRETE = "ddpm";

    private SamplerNames() {
    }

    /**
     * Sampler options as given on the command line.
     *
     * @param steps          grid steps (ald: noise levels; ode-rk45: ignored)
     * @param snr            Langevin corrector signal-to-noise ratio r (pc)
     * @param correctorSteps Langevin steps per level M (pc)
     * @param rtol           relative tolerance (ode-rk45)
     * @param atol           absolute tolerance (ode-rk45)
     */
    public record Options(int steps, double snr, int correctorSteps, double rtol, double atol) {

        public Options {
            require(steps >= 1, "--steps must be >= 1, got " + steps);
            require(snr > 0 && Double.isFinite(snr), "--snr must be > 0, got " + snr + "; Song et al. use 0.16");
            require(correctorSteps >= 0, "--corrector-steps must be >= 0, got " + correctorSteps);
            require(rtol > 0 && Double.isFinite(rtol), "--rtol must be > 0, got " + rtol + "; try 1e-5");
            require(atol > 0 && Double.isFinite(atol), "--atol must be > 0, got " + atol + "; try 1e-5");
        }

        /** steps, snr 0.16, 1 corrector step, rtol = atol = 1e-5. */
        public static Options defaults(int steps) {
            return new Options(steps, 0.16, 1, 1e-5, 1e-5);
        }
    }

    /** VP and sub-VP with β = 0.1…20; VE with σ_min = 0.01 and the given σ_max (e.g. {@link VeSde#forData}). */
    public static Sde process(String name, double veSigmaMax) {
        return ProcessKind.parse(name).build(veSigmaMax);
    }

    /** The sampler of that name on {@code sde}. */
    public static Sampler sampler(String name, Sde sde, Options o) {
        return switch (key(name)) {
            case "em" -> new EulerMaruyamaSampler(sde);
            case "pc" -> new PredictorCorrectorSampler(new ReverseDiffusionSampler(), new LangevinCorrector(o.snr(), o.correctorSteps()));
            case "ode-euler" -> new ProbabilityFlowSampler(sde, OdeIntegrator.euler());
            case "ode-heun" -> new ProbabilityFlowSampler(sde, OdeIntegrator.heun());
            case "ode-rk45" -> new ProbabilityFlowSampler(sde, OdeIntegrator.dormandPrince(o.rtol(), o.atol()));
            // Steps of σ_i² at level i (ε = σ_L²) and 5 steps per level: near the floor on the toy sets.
            case "ald" -> new AnnealedLangevinSampler(Math.pow(sde.marginal(sde.tMin()).sigma(), 2), 5);
            case "dpmpp-2m" -> new DpmSolverPlusPlus2M();
            default -> throw new AssertionError(name);
        };
    }

    /** The grid the named sampler is meant for. */
    public static TimeGrid grid(String name, Sde sde, Options o) {
        return switch (key(name)) {
            case "em", "pc", "ode-euler" -> SdeGrids.uniform(sde, o.steps());
            case "ode-heun" -> SdeGrids.karras(sde, o.steps(), 7);
            case "ode-rk45" -> SdeGrids.uniform(sde, 2);
            case "ald", "dpmpp-2m" -> SdeGrids.logSnr(sde, o.steps());
            default -> throw new AssertionError(name);
        };
    }

    /**
     * Checks that a model trained as {@code trainedAs} ({@value #DISCRETE}, one of {@link #PROCESSES}, or null for an
     * oracle, which fits any process) can be sampled with {@code sde}. A discrete VP model serves vp-sde and subvp-sde
     * through {@link io.diffusion4j.sde.DiscreteTimeDenoiser}; a continuous-time model only its own process.
     */
    public static void checkCompatible(Sde sde, String trainedAs) {
        if (trainedAs == null) {
            return;
        }
        String trained = trainedAs.toLowerCase(Locale.ROOT);
        boolean unitPrior = sde.priorStd() == 1;
        if (trained.equals(DISCRETE) || trained.equals("vp-sde") || trained.equals("subvp-sde")) {
            require(unitPrior, "a variance-preserving model (" + trained + ") cannot start from the VE prior N(0, σ_max²I); "
                    + "use --process vp-sde or subvp-sde");
        }
        require(trained.equals(DISCRETE) || trained.equals(sde.id()), "the model was trained with --process " + trained
                + "; sample with --process " + trained);
    }

    private static String key(String name) {
        String k = name.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "em", "euler-maruyama" -> "em";
            case "pc", "ode-euler", "ode-heun", "ald" -> k;
            case "ode-rk45", "ode-dopri5" -> "ode-rk45";
            case "dpmpp-2m", "dpm++2m", "dpm-solver++" -> "dpmpp-2m";
            default -> throw new IllegalArgumentException("unknown sampler '" + name + "'; use " + SAMPLERS);
        };
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
