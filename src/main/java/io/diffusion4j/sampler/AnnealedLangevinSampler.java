package io.diffusion4j.sampler;

import io.diffusion4j.sde.SdeGrids;
import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

/**
 * Annealed Langevin dynamics (Song &amp; Ermon 2019, Algorithm 1): at each noisy level σ_i of the grid, from the
 * noisiest, K steps x ← x + (α_i/2)·∇log p_{σ_i}(x) + √α_i·z with α_i = ε·σ_i²/σ_L², σ_L the last noisy level; then
 * one denoising step x ← x̂₀ at σ_L (the noise-free final step of Jolicoeur-Martineau et al. 2021 and Song &amp; Ermon
 * 2020). Geometric σ levels are a VE grid uniform in t ({@link SdeGrids#uniform}) or any log-SNR-uniform grid.
 * Evaluations: K per noisy level plus one.
 */
public record AnnealedLangevinSampler(double epsilon, int stepsPerLevel) implements Sampler {

    public AnnealedLangevinSampler {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("Langevin step ε must be > 0, got " + epsilon);
        }
        if (stepsPerLevel < 1) {
            throw new IllegalArgumentException("Langevin steps per level must be >= 1, got " + stepsPerLevel);
        }
    }

    @Override
    public NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        int levels = grid.steps();
        double sigmaL = grid.level(levels - 1).sigma();
        int[] nfe = {0};
        return ScopedSteps.run(xT, levels, (i, x, parent) -> {
            NoiseLevel level = grid.level(i);
            NDArray delta = PerSample.scalar(0.5 * epsilon * Math.pow(level.sigma() / sigmaL, 2), x);
            NDArray x0 = null;
            for (int k = 0; k < stepsPerLevel; k++) {
                var p = model.predict(x, level);
                x = Langevin.step(x, p.score(), delta, Langevin.noiseLike(x, noise));
                x0 = p.x0();
            }
            nfe[0] += stepsPerLevel;
            if (grid.level(i + 1).isData()) {
                x = model.predict(x, level).x0();
                x0 = x;
                nfe[0]++;
            }
            listener.onStep(new StepListener.Step(i, levels, level, x, x0, nfe[0]));
            return x;
        });
    }

    @Override
    public int nfe(TimeGrid grid) {
        return grid.steps() * stepsPerLevel + 1;
    }

    @Override
    public String name() {
        return "ald(eps=" + epsilon + ", K=" + stepsPerLevel + ")";
    }
}
