package io.diffusion4j.cli;

import io.diffusion4j.data.Points;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.PriorGrad;
import io.diffusion4j.naming.Names;
import io.diffusion4j.objective.LossKind;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TimestepSampling;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;

import java.util.Locale;
import java.util.Set;

/**
 * The CLI names of the likelihood and improved-DDPM options, mapped to objects, each bad name or combination a
 * one-line {@link IllegalArgumentException} (exit code 2):
 * <pre>
 * d4j train ... --variance fixed-small|fixed-large|learned --loss simple|hybrid|vlb
 *               --t-sampling uniform|importance --prior standard|priorgrad
 * d4j eval --run R --metric nll --method elbo|ode [--n N] [--probes K] --json  →  {"bpd", "stderr", "method", ...}
 * </pre>
 */
public final class LikelihoodNames {
    /** Model types whose runs are discrete diffusions with a variational bound. */
    public static final Set<String> DIFFUSION_MODELS = Set.of("mlp", "unet");

    private LikelihoodNames() {
    }

    /** How the NLL is computed: the variational bound or the probability-flow ODE. */
    public enum NllMethod { ELBO, ODE }

    private static final Names<NllMethod> NLL_METHODS = Names.of("--method",
            Names.entry(NllMethod.ELBO, "elbo"), Names.entry(NllMethod.ODE, "ode"));

    /** A validated {@code eval --metric nll} request: method, points to evaluate and Hutchinson probes. */
    public record NllRequest(NllMethod method, int n, int probes) {
    }

    /** --variance. */
    public static ReverseVariance variance(String name) {
        return ReverseVariance.parse(name);
    }

    /** --t-sampling for a schedule of T steps. */
    public static TimestepSampler timesteps(String name, int T) {
        return TimestepSampling.parse(name).build(T);
    }

    /** --prior, fitted to the training data for priorgrad. */
    public static PriorGrad prior(String name, Points data) {
        return PriorGrad.parse(name, data);
    }

    /** The decoder L₀: discrete for 8-bit images in [−1, 1], gaussian for continuous data. */
    public static Decoder decoder(String name) {
        return Decoder.parse(name);
    }

    /**
     * --loss: simple (L_simple with the given weighting), hybrid (needs --variance learned) or vlb (any variance).
     * Importance sampling is meant for vlb (Nichol &amp; Dhariwal 2021, §3.3) but stays unbiased with any loss.
     */
    public static TrainingLoss loss(String name, Schedule schedule, Parametrization parametrization, ReverseVariance variance,
                                    TimestepSampler timesteps, LossWeighting weighting, Decoder decoder) {
        return LossKind.parse(name).build(schedule, parametrization, variance, timesteps, weighting, decoder);
    }

    /**
     * Validates {@code eval --metric nll}: the method name, --n (points, ≥ 2) and --probes (≥ 1, for the ODE's
     * Hutchinson estimator), and that the run's model type has a likelihood.
     */
    public static NllRequest nll(String method, String modelType, int n, int probes) {
        NllMethod m = NLL_METHODS.parse(method);
        if (probes <= 0) {
            throw new IllegalArgumentException("--probes must be >= 1 (Hutchinson probes per point), got " + probes);
        }
        if (n < 2) {
            throw new IllegalArgumentException("--n must be >= 2 points to give a standard error, got " + n);
        }
        if (!DIFFUSION_MODELS.contains(modelType.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("model type '" + modelType + "' has no likelihood for --metric nll; "
                    + "use a diffusion model (" + String.join(", ", DIFFUSION_MODELS.stream().sorted().toList()) + ")");
        }
        return new NllRequest(m, n, probes);
    }
}
