package io.diffusion4j.sampler;

import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.Names;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.SdeGrids;

import java.util.List;

/**
 * A sampler chosen by name with the options given for it (null = not given, the sampler's default): one value type
 * for every sampler of the toolkit, so that an option the chosen sampler does not read is an error instead of being
 * ignored. The discrete samplers (ddpm, ddim) step on the schedule's own t with a {@link Spacing}; the score-SDE
 * samplers come with the grid each is meant for: em, pc, ode-euler: uniform in t (Song et al. 2021); ode-heun:
 * Karras ρ = 7; ode-rk45: the two ends, the solver picks its steps; ald: σ levels geometric (uniform in log-SNR);
 * dpmpp-2m: uniform in log-SNR (Lu et al. 2022).
 *
 * @param name           one of {@link #NAMES} (aliases: euler-maruyama, ode-dopri5, dpm2m, dpm++2m, dpm-solver++)
 * @param steps          grid steps (ddpm: T, ddim: min(50, T), SDE samplers: 100; ald: noise levels)
 * @param eta            DDIM η ≥ 0 (ddim only; 0)
 * @param spacing        ddpm and ddim only (uniform)
 * @param variance       DDPM σ², fixed-small or fixed-large (ddpm only; the run's, a learned one included)
 * @param snr            Langevin corrector signal-to-noise ratio r (pc only; 0.16)
 * @param correctorSteps Langevin steps per level M (pc only; 1)
 * @param rtol           relative tolerance (ode-rk45 only; 1e-5)
 * @param atol           absolute tolerance (ode-rk45 only; 1e-5)
 */
public record SamplerSpec(String name, Integer steps, Double eta, Spacing spacing, ReverseVariance variance,
                          Double snr, Integer correctorSteps, Double rtol, Double atol) {
    /** Every sampler's canonical name. */
    public static final List<String> NAMES = List.of("ddpm", "ddim", "em", "pc", "ode-euler", "ode-heun", "ode-rk45", "ald", "dpmpp-2m");
    /** The score-SDE samplers, joined for help texts. */
    public static final String SDE_SAMPLERS = "em|pc|ode-euler|ode-heun|ode-rk45|ald|dpmpp-2m";

    public SamplerSpec {
        name = canonical(name);
        require(steps == null || (steps >= 1 && steps <= Limits.MAX_T), "--steps must be between 1 and " + Limits.MAX_T
                + " (the limit), got " + steps);
        require(eta == null || (eta >= 0 && Double.isFinite(eta)), "--eta must be >= 0, got " + eta);
        require(snr == null || (snr > 0 && Double.isFinite(snr)), "--snr must be > 0, got " + snr + "; Song et al. use 0.16");
        require(correctorSteps == null || (correctorSteps >= 0 && correctorSteps <= Limits.MAX_REPEATS),
                "--corrector-steps must be between 0 and " + Limits.MAX_REPEATS + " (the limit), got " + correctorSteps);
        require(rtol == null || (rtol > 0 && Double.isFinite(rtol)), "--rtol must be > 0, got " + rtol + "; try 1e-5");
        require(atol == null || (atol > 0 && Double.isFinite(atol)), "--atol must be > 0, got " + atol + "; try 1e-5");
        onlyFor(eta, "--eta", name, "ddim");
        onlyFor(spacing, "--spacing", name, "ddpm", "ddim");
        onlyFor(variance, "--variance", name, "ddpm");
        require(variance == null || !variance.learned(), "--variance learned is how a run was trained, not a sampling"
                + " choice (a learned-variance run samples with its own variance); give fixed-small or fixed-large");
        onlyFor(snr, "--snr", name, "pc");
        onlyFor(correctorSteps, "--corrector-steps", name, "pc");
        onlyFor(rtol, "--rtol", name, "ode-rk45");
        onlyFor(atol, "--atol", name, "ode-rk45");
        require(steps == null || !name.equals("ode-rk45"), "--steps does not apply to --sampler ode-rk45 (it picks its own"
                + " steps from --rtol and --atol); drop --steps");
    }

    /** The named sampler with every option at its default. */
    public static SamplerSpec of(String name) {
        return new SamplerSpec(name, null, null, null, null, null, null, null, null);
    }

    /** The named sampler with {@code steps} steps and every other option at its default. */
    public static SamplerSpec of(String name, int steps) {
        return new SamplerSpec(name, steps, null, null, null, null, null, null, null);
    }

    /** True for ddpm and ddim, which step on the schedule's discrete t. */
    public boolean discrete() {
        return name.equals("ddpm") || name.equals("ddim");
    }

    /**
     * The sampler itself; {@code sde} is the process of the score-SDE samplers (unused by ddpm and ddim) and
     * {@code runVariance} the reverse variance a run was trained with, used unless {@link #variance} is given.
     */
    public Sampler build(Sde sde, ReverseVariance runVariance) {
        return switch (name) {
            case "ddim" -> new DdimSampler(eta == null ? 0 : eta);
            case "ddpm" -> new DdpmSampler(variance != null ? variance : runVariance);
            case "em" -> new EulerMaruyamaSampler(sde);
            case "pc" -> new PredictorCorrectorSampler(new ReverseDiffusionSampler(),
                    new LangevinCorrector(snr == null ? 0.16 : snr, correctorSteps == null ? 1 : correctorSteps));
            case "ode-euler" -> new ProbabilityFlowSampler(sde, OdeIntegrator.euler());
            case "ode-heun" -> new ProbabilityFlowSampler(sde, OdeIntegrator.heun());
            case "ode-rk45" -> new ProbabilityFlowSampler(sde, OdeIntegrator.dormandPrince(rtol == null ? 1e-5 : rtol,
                    atol == null ? 1e-5 : atol));
            // Steps of σ_i² at level i (ε = σ_L²) and 5 steps per level: near the floor on the toy sets.
            case "ald" -> new AnnealedLangevinSampler(Math.pow(sde.marginal(sde.tMin()).sigma(), 2), 5);
            case "dpmpp-2m" -> new DpmSolverPlusPlus2M();
            default -> throw new AssertionError(name);
        };
    }

    /** The grid of ddpm or ddim on the schedule's own steps. */
    public TimeGrid grid(Schedule schedule) {
        require(discrete(), "--sampler " + name + " runs on an SDE's continuous time; use grid(Sde)");
        int s = steps != null ? steps : name.equals("ddpm") ? schedule.T() : Math.min(50, schedule.T());
        require(s <= schedule.T(), "--steps must be in 1.." + schedule.T() + ", got " + s);
        return TimeGrid.of(schedule, s, spacing == null ? Spacing.UNIFORM : spacing);
    }

    /** The grid a score-SDE sampler is meant for on {@code sde}. */
    public TimeGrid grid(Sde sde) {
        int s = steps == null ? 100 : steps;
        return switch (name) {
            case "em", "pc", "ode-euler" -> SdeGrids.uniform(sde, s);
            case "ode-heun" -> SdeGrids.karras(sde, s, 7);
            case "ode-rk45" -> SdeGrids.uniform(sde, 2);
            case "ald", "dpmpp-2m" -> SdeGrids.logSnr(sde, s);
            default -> throw new IllegalArgumentException("--sampler " + name + " steps on the schedule; use grid(Schedule)");
        };
    }

    /** The canonical name of a sampler or alias; a one-line error listing every name otherwise. */
    public static String canonical(String name) {
        return SAMPLER_NAMES.parse(name);
    }

    private static final Names<String> SAMPLER_NAMES = Names.of("sampler", Names.entry("ddpm", "ddpm"),
            Names.entry("ddim", "ddim"), Names.entry("em", "em", "euler-maruyama"), Names.entry("pc", "pc"),
            Names.entry("ode-euler", "ode-euler"), Names.entry("ode-heun", "ode-heun"),
            Names.entry("ode-rk45", "ode-rk45", "ode-dopri5"), Names.entry("ald", "ald"),
            Names.entry("dpmpp-2m", "dpmpp-2m", "dpm2m", "dpm++2m", "dpm-solver++", "dpmsolver++"));

    /**
     * Checks that a model trained as {@code trainedAs} (null for a discrete-time model or an exact oracle, else the
     * SDE's id) can be sampled on {@code sde}. A discrete VP model serves vp-sde and subvp-sde through
     * {@link io.diffusion4j.sde.DiscreteTimeDenoiser}; a continuous-time model only its own process.
     */
    public static void checkProcess(Sde sde, String trainedAs, boolean oracle) {
        if (oracle) {
            return;
        }
        String trained = trainedAs == null ? "discrete" : trainedAs;
        if (trainedAs == null || !trainedAs.equals("ve-sde")) {
            require(sde.priorStd() == 1, "a variance-preserving model (" + trained + ") cannot start from the VE prior"
                    + " N(0, σ_max²I); use --process vp-sde or subvp-sde");
        }
        require(trainedAs == null || trainedAs.equals(sde.id()), "the model was trained with --process " + trainedAs
                + "; sample with --process " + trainedAs);
    }

    private static void onlyFor(Object given, String option, String name, String... samplers) {
        if (given != null && !List.of(samplers).contains(name)) {
            throw new IllegalArgumentException(option + " applies to --sampler " + String.join(" or ", samplers)
                    + " only, not " + name + "; drop " + option);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
