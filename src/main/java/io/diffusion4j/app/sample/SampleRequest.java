package io.diffusion4j.app.sample;

import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.ClipPolicy;
import io.diffusion4j.sampler.SamplerSpec;

import java.nio.file.Path;

/**
 * What {@code d4j sample} was asked for. Optional values are null when not given, so that the service can refuse an
 * option that does not apply to the chosen source, sampler or output instead of ignoring it.
 *
 * @param run             a run directory (exclusive with oracle)
 * @param oracle          gmm8, gmm25 or gauss: the exact denoiser of that mixture
 * @param sampler         the sampler and its options
 * @param samplerChosen   true when --sampler was given (a Gaussian baseline has no sampler)
 * @param process         the SDE of the score-SDE samplers (default: the run's, else vp-sde)
 * @param sigmaMax        σ_max of an oracle's ve-sde (runs store their own)
 * @param clip            the x̂₀ clip policy
 * @param schedule        the oracle's schedule name (oracle only)
 * @param T               the oracle's T (oracle only)
 * @param n               samples to draw (.npy outputs; a PNG grid draws rows × cols)
 * @param batch           samples per batch (default 10000 for points, 100 for images)
 * @param seed            the seed of x_T and of the sampler's noise
 * @param out             .npy, or .png for an image run's grid
 * @param classLabel      image runs: the class of every image
 * @param guidance        image runs: classifier-free guidance weight w (ε̃ = (1 + w)ε_c − wε_u)
 * @param grid            image runs, PNG output: {rows, cols}
 * @param classifier      image runs: a noisy classifier for classifier guidance
 * @param classifierScale image runs: the classifier-guidance scale
 * @param plot            point data: a PNG of the samples over the data
 * @param trajectory      point data: every sampler state to this .npy
 */
public record SampleRequest(Path run, String oracle, SamplerSpec sampler, boolean samplerChosen, String process,
                            Double sigmaMax, ClipPolicy clip, String schedule, Integer T, Integer n, Integer batch, long seed,
                            Path out, Integer classLabel, Double guidance, int[] grid, Path classifier,
                            Double classifierScale, Path plot, Path trajectory) {

    public SampleRequest {
        if ((run == null) == (oracle == null)) {
            throw new IllegalArgumentException("give exactly one of --run DIR and --oracle NAME");
        }
        if (n != null) {
            Limits.require("--n", n, 1, Limits.MAX_POINTS);
        }
        if (batch != null) {
            Limits.require("--batch", batch, 1, Limits.MAX_BATCH);
        }
        if (T != null) {
            Limits.require("--T", T, 1, Limits.MAX_T);
        }
        OutputPaths.requireWritableFile(out, "--out");
        OutputPaths.requireWritableFile(plot, "--plot");
        OutputPaths.requireWritableFile(trajectory, "--trajectory");
        for (Path p : new Path[] {plot, trajectory}) {
            if (p != null && p.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--plot and --trajectory must name other files than --out " + out);
            }
        }
    }

    /** True when the output is a PNG (an image run's grid). */
    public boolean png() {
        return out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png");
    }
}
