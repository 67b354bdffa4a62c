package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.DpmSolverPlusPlus2M;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;

import java.util.function.Function;

/**
 * A learned channel: y ~ p_θ(y | x) drawn by running a sampler of the core from y_T ~ N(0, I) with the denoiser
 * conditioned on the channel input x (Kim, Fritschek &amp; Schaefer 2023, §III: the conditional DDPM as channel
 * generator). The core's single-step sampler loop frees each step's handles but PyTorch's autograd keeps the saved
 * tensors alive, so y stays differentiable in x through the whole chain (checked by {@code DiffusionChannelTest});
 * this is what lets an encoder be trained through the model.
 *
 * @param model   binds a condition (the channel inputs, (B, n)) to a denoiser of y_t
 * @param sampler DDPM or DDIM
 * @param grid    the levels the sampler visits
 */
public record DiffusionChannel(Function<NDArray, Denoiser> model, Sampler sampler, TimeGrid grid) implements Channel {

    /** A trained network: denoiser with the condition bound per call. */
    public static Function<NDArray, Denoiser> conditioned(Network network, DiffusionChannelConfig config) {
        return c -> new NetworkDenoiser(network, config.prediction(), c);
    }

    /** DDIM with η = 0 on {@code steps} trailing-spaced levels (Song et al. 2021; Lin et al. 2024 §3.3). */
    public static DiffusionChannel ddim(Function<NDArray, Denoiser> model, Schedule schedule, int steps) {
        return new DiffusionChannel(model, new DdimSampler(0), TimeGrid.of(schedule, steps, Spacing.TRAILING));
    }

    /** DPM-Solver++(2M) on {@code steps} trailing-spaced levels (Lu et al. 2022): second order, same cost as DDIM. */
    public static DiffusionChannel dpmSolver2M(Function<NDArray, Denoiser> model, Schedule schedule, int steps) {
        return new DiffusionChannel(model, new DpmSolverPlusPlus2M(), TimeGrid.of(schedule, steps, Spacing.TRAILING));
    }

    /**
     * Ancestral DDPM over all T steps (Ho et al. 2020, Algorithm 2) with reverse variance β̃_t (SMALL) or β_t (LARGE).
     * With T = 100 the steps are coarse against a narrow p(y | x): even the exact denoiser then under-disperses with
     * β̃ (σ = 0.281 comes out as 0.203 on the constant-β schedule, 0.266 on cosine), while β on the cosine schedule
     * gives 0.286 (the recursion is in {@code DiffusionChannelTest}).
     */
    public static DiffusionChannel ddpm(Function<NDArray, Denoiser> model, Schedule schedule, ReverseVariance variance) {
        return new DiffusionChannel(model, new DdpmSampler(variance), TimeGrid.full(schedule));
    }

    @Override
    public NDArray transmit(NDArray x, NoiseSource noise) {
        NDArray yT = noise.normal(x.getManager(), x.getShape());
        return sampler.sample(model.apply(x), grid, yT, noise, StepListener.NONE);
    }

    @Override
    public String name() {
        return "diffusion[" + sampler.name() + ", " + grid.steps() + " steps]";
    }
}
