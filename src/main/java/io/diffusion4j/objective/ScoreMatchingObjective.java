package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.sde.ScaledTimeDenoiser;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.tensor.PerSample;

import java.util.List;

/**
 * Continuous-time denoising score matching (Song et al. 2021, eq. 7): t ~ U[ε, 1], x_t from the SDE's marginal,
 * loss λ(t)·‖s_θ(x_t, t) − ∇log p_t(x_t | x₀)‖² averaged over dimensions. Since ∇log p_t(x_t | x₀) = −ε/b_t and
 * ‖ε̂ − ε‖² = SNR·‖x̂₀ − x₀‖², λ(t) is a weight on the x₀ error, w = λ(t)·SNR/b_t², and the network may output ε, x₀ or
 * v through {@link Parametrization} like the discrete objective: λ = b_t² is {@link LossWeighting#SNR} (the ε-MSE,
 * the default), λ = g(t)² is {@link #likelihoodWeighting} (Song et al. 2021b, Theorem 1). The network sees
 * timeScale·t; {@link #denoiser} gives the matching denoiser for sampling.
 */
public record ScoreMatchingObjective(Sde sde, Parametrization parametrization, LossWeighting weighting, double eps,
                                     double timeScale) implements TrainingLoss {

    /** score_sde's time scale for its DDPM-style networks (t·999) rounded: the network sees 1000·t. */
    public static final double DEFAULT_TIME_SCALE = 1000;

    public ScoreMatchingObjective {
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("training ε must be in (0, 1), got " + eps + "; score_sde uses 1e-5");
        }
        if (!(timeScale > 0) || !Double.isFinite(timeScale)) {
            throw new IllegalArgumentException("network time scale must be > 0, got " + timeScale);
        }
    }

    /** λ(t) = b_t² (ε-MSE), ε = 1e-5, network time 1000·t. */
    public static ScoreMatchingObjective of(Sde sde, Parametrization parametrization) {
        return new ScoreMatchingObjective(sde, parametrization, LossWeighting.SNR, 1e-5, DEFAULT_TIME_SCALE);
    }

    /** λ(t) = g(t)², the likelihood weighting: w = g(t)²·SNR/b_t² on the x₀ error. */
    public static LossWeighting likelihoodWeighting(Sde sde) {
        return new LossWeighting.Named("likelihood") {
            @Override
            public double x0Weight(NoiseLevel level, Parametrization p) {
                double g = sde.g(level.time());
                return g * g * level.snr() / (level.sigma() * level.sigma());
            }
        };
    }

    /** The denoiser that feeds a network trained with this objective the same time scale. */
    public Denoiser denoiser(Network network) {
        return new ScaledTimeDenoiser(new NetworkDenoiser(network, parametrization), timeScale);
    }

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x0 = batch.x0();
        int b = (int) x0.getShape().get(0);
        NoiseLevel[] levels = new NoiseLevel[b];
        double[] factor = new double[b];
        float[] time = new float[b];
        for (int i = 0; i < b; i++) {
            double t = eps + (1 - eps) * noise.nextDouble();
            levels[i] = sde.marginal(t);
            factor[i] = weighting.factor(levels[i], parametrization);
            time[i] = (float) (timeScale * t);
        }
        NoisedBatch nb = NoisedBatch.draw(x0, List.of(levels), time, noise);
        NDArray perSample = PerSample.meanPerSample(nb.forward(net, batch.condition()).sub(nb.target(parametrization)).square());
        return perSample.mul(PerSample.of(factor, perSample)).mean();
    }
}
