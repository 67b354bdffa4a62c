package io.diffusion4j.sampler;

import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.tensor.PerSample;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++", Algorithm 2): a second-order multistep solver of the
 * probability-flow ODE in its data-prediction form, exact in the linear part. With λ = log(α/σ), h_i = λ_i − λ_{i−1}
 * and r_i = h_{i−1}/h_i: x_i = (σ_i/σ_{i−1})·x_{i−1} − α_i·(e^(−h_i) − 1)·D_i, where D_i = x̂₀_{i−1} on the first step
 * and D_i = (1 + 1/(2r_i))·x̂₀_{i−1} − 1/(2r_i)·x̂₀_{i−2} after. The step onto DATA is x̂₀ (first order, as
 * the official and k-diffusion implementations do). Works on any grid of levels; one evaluation per step; the
 * previous x̂₀ is a local of {@link #sample}, so the sampler itself holds no state.
 */
public record DpmSolverPlusPlus2M() implements Sampler {

    @Override
    public NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        NDArray[] previous = {null};
        double[] previousH = {0};
        NDArray out = ScopedSteps.run(xT, grid.steps(), (i, x, parent) -> {
            NoiseLevel from = grid.level(i);
            NoiseLevel to = grid.level(i + 1);
            if (previous[0] != null) {
                previous[0].tempAttach(x.getManager()); // freed with this step unless kept below
            }
            NDArray x0 = model.predict(x, from).x0();
            NDArray next;
            double h = 0;
            if (to.isData()) {
                next = x0;
            } else {
                h = 0.5 * (to.logSnr() - from.logSnr());
                NDArray d = x0;
                if (previous[0] != null) {
                    double r = previousH[0] / h;
                    d = x0.mul(PerSample.scalar(1 + 1 / (2 * r), x0)).sub(previous[0].mul(PerSample.scalar(1 / (2 * r), x0)));
                }
                // factors as arrays PyTorch owns, not op(Number): a chain that is back-propagated closes each step's arrays
                next = x.mul(PerSample.scalar(to.sigma() / from.sigma(), x)).add(d.mul(PerSample.scalar(-to.alpha() * Math.expm1(-h), x)));
            }
            listener.onStep(new StepListener.Step(i, grid.steps(), from, next, x0, i + 1));
            if (previous[0] != null) {
                previous[0].close();
            }
            previous[0] = to.isData() ? null : x0;
            if (previous[0] != null) {
                previous[0].attach(parent);
            }
            previousH[0] = h;
            return next;
        });
        if (previous[0] != null) {
            previous[0].close();
        }
        return out;
    }

    @Override
    public int nfe(TimeGrid grid) {
        return grid.steps();
    }

    @Override
    public String name() {
        return "dpm-solver++(2m)";
    }
}
