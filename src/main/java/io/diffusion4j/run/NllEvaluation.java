package io.diffusion4j.run;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.likelihood.BoundEstimate;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.Elbo;
import io.diffusion4j.likelihood.FlowLikelihood;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.model.ClipPolicy;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.sde.DiscreteTimeDenoiser;
import io.diffusion4j.sde.ProcessKind;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.VpSde;

/**
 * The negative log-likelihood of a trained run on given points (rows of C·H·W pixels in [−1, 1] for image runs), in
 * bits per dimension in data units (the Jacobian of the run's normalisation added, {@link BoundEstimate#inDataUnits};
 * identity for images):
 * <ul>
 *   <li>{@link #elbo}: the variational bound of a discrete run (Ho et al. 2020, eq. 5) with the run's reverse
 *   variance and the Gaussian decoder for point data or the discretised 8-bit decoder for images (a code length),
 *   over all T steps or K stratified sampled steps per point; for images x̂₀ is clipped to [−1, 1] in p_θ (a valid
 *   model, so still a bound; improved-diffusion's {@code clip_denoised}), which keeps ε-prediction errors at the
 *   noisiest steps, amplified by 1/√ᾱ_t, out of the bound;</li>
 *   <li>{@link #ode}: the probability-flow likelihood (Song et al. 2021, App. D.2). A discrete run is read as a VP
 *   score model through {@link DiscreteTimeDenoiser} (as the SDE samplers read it) and integrated from the time whose
 *   log-SNR is the schedule's first step, the least noisy level it was trained at; a continuous-time run on its own
 *   SDE from its training ε = 1e-5. Images are uniformly dequantised, so the result is a code length too.</li>
 * </ul>
 */
public final class NllEvaluation {
    /** Points per batch of network calls (point data; images use {@link #IMAGE_BATCH}). */
    public static final int BATCH = 1000;
    public static final int IMAGE_BATCH = 50;
    /** The smallest time of continuous-time training (ScoreMatchingObjective's ε). */
    public static final double CONTINUOUS_T0 = 1e-5;

    private NllEvaluation() {
    }

    /** The variational bound; {@code draws} = 0 for every step, else that many sampled steps per point. */
    public static BoundEstimate elbo(LoadedRun run, Points data, int draws, long seed, NDManager manager) {
        check(run, data);
        if (run.config().process() != null) {
            throw new IllegalArgumentException("the run was trained with --process " + run.config().process()
                    + " (continuous time) and has no discrete variational bound; use --method ode");
        }
        Schedule s = run.schedule();
        Elbo elbo = new Elbo(new VariationalTerms(TimeGrid.full(s), run.config().isImage() ? Decoder.DISCRETIZED_8BIT : Decoder.GAUSSIAN,
                ImprovedDdpmConfig.of(run.config()).variance()));
        Points z = run.normalization().apply(data);
        // images: p_θ's mean from x̂₀ clipped to the pixel range, as improved-diffusion's NLL evaluation (clip_denoised)
        Denoiser model = run.config().isImage() ? ClipPolicy.AUTO.apply(run.denoiser(), run.config().autoClipBound()) : run.denoiser();
        return elbo.estimate(model, z, run.config().network()::sampleShape, batch(run), draws,
                new NoiseSource(seed).fork(0xE1B0), manager).inDataUnits(run.normalization());
    }

    /** The probability-flow likelihood with {@code probes} Hutchinson probes per point when d &gt; 4. */
    public static BoundEstimate ode(LoadedRun run, Points data, int probes, long seed, NDManager manager) {
        check(run, data);
        Denoiser model = run.denoiser();
        Sde sde;
        double t0;
        if (!run.config().isContinuous()) {
            Schedule s = run.schedule();
            sde = VpSde.standard();
            model = new DiscreteTimeDenoiser(model, s);
            t0 = sde.time(s.logSnr(1));
        } else {
            sde = run.config().process().build();
            t0 = CONTINUOUS_T0;
        }
        Points z = run.normalization().apply(data);
        return FlowLikelihood.standard(sde, t0, probes)
                .estimate(model, z, run.config().network()::sampleShape, batch(run), run.config().isImage(),
                        new NoiseSource(seed).fork(0x0DE), manager)
                .inDataUnits(run.normalization());
    }

    private static int batch(LoadedRun run) {
        return run.config().isImage() ? IMAGE_BATCH : BATCH;
    }

    private static void check(LoadedRun run, Points data) {
        if (run.isGaussian()) {
            throw new IllegalArgumentException("the Gaussian baseline has no diffusion likelihood for --metric nll; evaluate a diffusion run");
        }
        if (data.d() != run.config().data().dim()) {
            throw new IllegalArgumentException("evaluation data has " + data.d() + " columns but the run was trained on "
                    + run.config().data().dim());
        }
    }
}
