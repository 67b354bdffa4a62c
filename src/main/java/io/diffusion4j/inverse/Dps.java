package io.diffusion4j.inverse;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.tensor.PerSample;

import java.util.List;

/**
 * Diffusion posterior sampling (Chung et al. 2023, Algorithm 1) as a decorator over the prior denoiser. Algorithm 1
 * takes the ancestral step x'_{t−1} from x̂₀(x_t) and then moves it, x_{t−1} = x'_{t−1} − ζ_t·∇_{x_t}‖y − A·x̂₀(x_t)‖²
 * with ζ_t = ζ/‖y − A·x̂₀(x_t)‖ (per sample), the gradient taken through the denoiser with respect to its input.
 *
 * <p><b>Formulation.</b> The ancestral (DDPM) step is linear in x̂₀: x'_{t−1} = c_t·x̂₀ + c'_t·x_t + noise with
 * c_t = {@link Transition#coefX0()} of the step t → t−1 on the grid. So a decorator that returns
 * x̂₀ − (ζ_t/c_t)·g (and ε̂ consistent with it) makes the unchanged DDPM sampler produce exactly Algorithm 1's
 * x_{t−1}, with either fixed variance, and DDIM with η = 1, which is the same update. The sampler never learns about
 * the measurement, and every sampler accepts the decorator; this is why DPS is a decorator here while replacement,
 * ILVR and RePaint, which need fresh noise after the step, decorate the sampler. The price is that the decorator must
 * know the grid (to find c_t): build it with the grid you sample on; a level outside it is refused. On DDIM with
 * η &lt; 1 the same x̂₀ correction moves x_{t−1} by (α_{t−1} − √(σ²_{t−1} − σ_η²)·α_t/σ_t)·(ζ_t/c_t)·g instead, a
 * differently scaled DPS step.
 *
 * <p>The step follows the paper's Algorithm 1 (squared norm, ζ_t = ζ/‖·‖). The authors' code steps along the
 * gradient of the unsquared norm instead, which is this with ζ = scale/2; their configs use scale 0.5 for inpainting
 * and 0.3 for ×4 super-resolution and Gaussian deblurring (σ_y = 0.05 on [−1, 1] images, 1000 steps). The prior must be
 * differentiable in its input (networks are; {@code MixtureOracle} is for float64 input, because DJL's dtype
 * conversion drops the autograd graph).
 */
public final class Dps implements Denoiser {
    private final Denoiser prior;
    private final Measurement measurement;
    private final double zeta;
    private final List<NoiseLevel> levels;

    public Dps(Denoiser prior, Measurement measurement, double zeta, TimeGrid grid) {
        if (!(zeta >= 0) || !Double.isFinite(zeta)) {
            throw new IllegalArgumentException("DPS step size ζ must be ≥ 0, got " + zeta);
        }
        this.prior = prior;
        this.measurement = measurement;
        this.zeta = zeta;
        this.levels = grid.levels();
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        int i = levels.indexOf(level);
        if (i < 0 || i == levels.size() - 1) {
            throw new IllegalArgumentException("DPS was built for another time grid (level t = " + level.time()
                    + " is not a step of it); build it with the grid you sample on");
        }
        double coef = Transition.between(level, levels.get(i + 1)).coefX0();
        NDArray xg = x.duplicate();
        xg.setRequiresGradient(true);
        Prediction p;
        NDArray norm;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            p = prior.predict(xg, level);
            NDArray squared = PerSample.sumPerSample(measurement.residual(p.x0()).square());
            gc.backward(squared.sum());
            norm = squared.sqrt().stopGradient();
        } catch (EngineException e) {
            throw new IllegalStateException("DPS needs a prior that is differentiable in its input: " + e.getMessage(), e);
        }
        NDArray step = PerSample.expand(norm.add(1e-12).pow(-1).mul(zeta / coef), x);
        NDArray x0 = p.x0().stopGradient().sub(xg.getGradient().mul(step));
        return Prediction.fromX0(x, x0, level);
    }
}
