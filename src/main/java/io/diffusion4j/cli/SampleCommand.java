package io.diffusion4j.cli;

import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.app.sample.SampleRequest;
import io.diffusion4j.app.sample.SampleService;
import io.diffusion4j.model.ClipPolicy;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.SamplerSpec;
import io.diffusion4j.schedule.Spacing;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code d4j sample}: parses the options into a {@link SampleRequest} and runs {@link SampleService}. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sample from a trained run or an exact oracle denoiser. An option that does not apply to the "
                + "chosen source, sampler or output is an error.")
final class SampleCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--run", required = true, description = "run directory written by 'd4j train'")
        Path run;
        @Option(names = "--oracle", required = true, description = "exact denoiser of gmm8|gmm25|gauss")
        String oracle;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;
    @Option(names = "--sampler", defaultValue = "ddim", description = "ddpm|ddim|" + SamplerSpec.SDE_SAMPLERS
            + " (aliases: dpm2m, euler-maruyama, ode-dopri5); default ${DEFAULT-VALUE}")
    String samplerName;
    @Option(names = "--steps", description = "sampling steps; default: T for ddpm, min(50, T) for ddim, 100 for the SDE"
            + " samplers (ode-rk45 picks its own)")
    Integer steps;
    @Option(names = "--eta", defaultValue = "0", description = "ddim: η ≥ 0 (0 deterministic, 1 ≈ DDPM); default ${DEFAULT-VALUE}")
    double eta;
    @Option(names = "--spacing", defaultValue = "uniform", description = "ddpm, ddim: " + Spacing.DESCRIPTION + "; default ${DEFAULT-VALUE}")
    String spacing;
    @Option(names = "--variance", description = "ddpm: σ² fixed-small (β̃) | fixed-large (β); default: the run's (a learned variance is always used)")
    String variance;
    @Option(names = "--process", description = "SDE samplers: vp-sde|subvp-sde|ve-sde; default: the run's, else vp-sde")
    String process;
    @Option(names = "--sigma-max", defaultValue = "20", description = "--oracle with --process ve-sde: σ_max; default ${DEFAULT-VALUE}")
    double sigmaMax;
    @Option(names = "--snr", defaultValue = "0.16", description = "pc: Langevin corrector signal-to-noise ratio r; default ${DEFAULT-VALUE}")
    double snr;
    @Option(names = "--corrector-steps", defaultValue = "1", description = "pc: Langevin corrector steps M; default ${DEFAULT-VALUE}")
    int correctorSteps;
    @Option(names = "--rtol", defaultValue = "1e-5", description = "ode-rk45: relative tolerance; default ${DEFAULT-VALUE}")
    double rtol;
    @Option(names = "--atol", defaultValue = "1e-5", description = "ode-rk45: absolute tolerance; default ${DEFAULT-VALUE}")
    double atol;
    @Option(names = "--clip-x0", defaultValue = "auto", description = "clip x̂₀: auto ([-1, 1] for images, ±1.5× the"
            + " normalised training data's largest value for points, none for an oracle), none, or LO,HI; default ${DEFAULT-VALUE}")
    String clip;
    @Option(names = "--schedule", defaultValue = "linear", description = "--oracle: the schedule; default ${DEFAULT-VALUE}")
    String schedule;
    @Option(names = "--T", defaultValue = "1000", description = "--oracle: T; default ${DEFAULT-VALUE}")
    int T;
    @Option(names = "--n", defaultValue = "1000", description = "number of samples (.npy output); default ${DEFAULT-VALUE}")
    int n;
    @Option(names = "--batch", description = "samples per batch (memory); default 10000 for points, 100 for images")
    Integer batch;
    @Option(names = "--seed", defaultValue = "0", description = "seed of x_T and of the sampler noise; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--out", required = true, description = "output .npy (float32, N×d; images N×C×H×W in [-1, 1], with"
            + " NAME.labels.npy beside it for a class-conditional run), or .png for an image run's grid")
    Path out;
    @Option(names = "--class", description = "image runs: the class of every image (default: one row per class)")
    Integer classLabel;
    @Option(names = "--guidance", defaultValue = "0", description = "image runs: classifier-free guidance weight w ≥ 0,"
            + " ε̃ = (1 + w)·ε(x, c) − w·ε(x, ∅); default ${DEFAULT-VALUE}")
    double guidance;
    @Option(names = "--cfg-scale", description = "image runs: diffusers' guidance_scale S = w + 1 (so --cfg-scale 1 is"
            + " the conditional model); give --guidance or --cfg-scale, not both")
    Double cfgScale;
    @Option(names = "--grid", description = "image runs, .png output: ROWSxCOLS (default 10x8 for 10 classes, else 8x8)")
    String gridSize;
    @Option(names = "--classifier", description = "image runs: noisy classifier (d4j train-classifier --noisy) for classifier guidance")
    Path classifier;
    @Option(names = "--classifier-scale", defaultValue = "0", description = "image runs: classifier-guidance scale s ≥ 0; default ${DEFAULT-VALUE}")
    double classifierScale;
    @Option(names = "--plot", description = "point data: PNG of the samples over the data")
    Path plot;
    @Option(names = "--trajectory", description = "point data: also write every sampler state x (steps × n × d, normalised units) to this .npy")
    Path trajectory;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Given g = new Given(spec);
        if (g.has("--guidance") && cfgScale != null) {
            throw new IllegalArgumentException("give --guidance W or --cfg-scale S (= W + 1), not both");
        }
        if (cfgScale != null && !(cfgScale >= 1)) {
            throw new IllegalArgumentException("--cfg-scale must be >= 1 (S = w + 1; 1 is the conditional model), got " + cfgScale);
        }
        SamplerSpec sampler = new SamplerSpec(samplerName, steps, g.value("--eta", eta),
                g.has("--spacing") ? Spacing.parse(spacing) : null,
                variance == null ? null : ReverseVariance.parse(variance), g.value("--snr", snr),
                g.value("--corrector-steps", correctorSteps), g.value("--rtol", rtol), g.value("--atol", atol));
        SampleRequest r = new SampleRequest(source.run, source.oracle, sampler, g.has("--sampler"), process,
                g.value("--sigma-max", sigmaMax), ClipPolicy.parse(clip), g.value("--schedule", schedule), g.value("--T", T),
                g.value("--n", n), batch, seed, out, classLabel,
                cfgScale != null ? Double.valueOf(cfgScale - 1) : g.value("--guidance", guidance),
                gridSize == null ? null : ImageTraining.parseGrid(gridSize), classifier,
                g.value("--classifier-scale", classifierScale), plot, trajectory);
        try (Progress p = new Progress("sample", 0)) {
            System.out.println(SampleService.run(r, total -> p.restart(total).sampling()));
        }
        return 0;
    }
}
