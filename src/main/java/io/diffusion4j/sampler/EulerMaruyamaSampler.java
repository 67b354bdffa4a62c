package io.diffusion4j.sampler;

import io.diffusion4j.sde.SdeTimes;
import io.diffusion4j.sde.SdeGrids;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.sde.Sde;

/**
 * Euler–Maruyama on the reverse-time SDE (Song et al. 2021, eq. 6; Kloeden &amp; Platen 1992, §9.1): from t to
 * s = t − Δt, x_s = x_t − [f(x_t, t) − g(t)²∇log p_t(x_t)]·Δt + g(t)·√Δt·z. The step onto {@link
 * io.diffusion4j.schedule.NoiseLevel#DATA} is the noise-free x̂₀ (Tweedie). Needs a grid from {@link SdeGrids} for
 * the same SDE; one evaluation per step. Also the "Euler" predictor of the predictor–corrector sampler.
 */
public record EulerMaruyamaSampler(Sde sde) implements SingleStepSampler {

    @Override
    public NDArray step(Prediction p, Transition tr, NoiseSource noise) {
        if (tr.to().isData()) {
            return p.x0();
        }
        double t = SdeTimes.of(sde, tr.from());
        double dt = t - SdeTimes.of(sde, tr.to());
        NDArray mean = p.x().sub(sde.reverseDrift(p, t, false).mul(dt));
        return mean.add(noise.normal(mean.getManager(), mean.getShape()).mul(sde.g(t) * Math.sqrt(dt)));
    }

    @Override
    public String name() {
        return "euler-maruyama(" + sde.id() + ")";
    }
}
