package io.diffusion4j.sampler;

import io.diffusion4j.sde.SdeTimes;
import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.ode.OdeResult;
import io.diffusion4j.ode.OdeSystem;
import io.diffusion4j.sde.ReverseSde;
import io.diffusion4j.sde.Sde;

/**
 * Sampling by the probability-flow ODE dx/dt = f(x, t) − ½g(t)²∇log p_t(x) (Song et al. 2021, eq. 13), integrated
 * in the SDE's time from t = 1 to ε by any {@link OdeIntegrator} — Euler, Heun (Karras et al. 2022, Algorithm 1)
 * or adaptive Dormand–Prince — followed by the denoising step x ← x̂₀ at ε (Algorithm 1's final Euler step to σ = 0).
 * Fixed-step integrators take one step per grid interval; the adaptive one uses only the grid's ends and reports
 * steps with {@code total} = 0 and {@link #nfe} = −1 (neither is known in advance; the last step record carries
 * the NFE). A listener's x̂₀ is the one of the step's last evaluation.
 */
public record ProbabilityFlowSampler(Sde sde, OdeIntegrator integrator) implements Sampler {

    @Override
    public NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        double[] times = SdeTimes.noisyTimes(sde, grid);
        boolean adaptive = integrator.evaluations(1) < 0;
        if (adaptive && times.length > 2) {
            times = new double[] {times[0], times[times.length - 1]};
        }
        int total = adaptive ? 0 : grid.steps();
        NDArray x = xT;
        int nfe = 0;
        int steps = 0;
        if (times.length > 1) {
            ReverseSde flow = sde.reverse(model, true);
            NDArray[] lastX0 = {null};
            OdeSystem system = (t, y) -> {
                var p = flow.predict(y.head(), t);
                lastX0[0] = p.x0();
                return new NDList(flow.drift(p, t));
            };
            OdeResult r = integrator.integrate(system, times, new NDList(xT), s -> listener.onStep(new StepListener.Step(
                    s.index(), total, sde.marginal(s.tFrom()), s.y().head(), lastX0[0], s.evaluations())));
            x = r.y().head();
            nfe = r.evaluations();
            steps = r.steps();
        }
        NDManager parent = xT.getManager();
        try (NDManager sm = parent.newSubManager()) {
            if (x == xT) {
                x.tempAttach(sm);
            } else {
                x.attach(sm);
            }
            double tEnd = times[times.length - 1];
            NDArray out = model.predict(x, sde.marginal(tEnd)).x0();
            listener.onStep(new StepListener.Step(steps, total, sde.marginal(tEnd), out, out, nfe + 1));
            out.attach(parent);
            return out;
        }
    }

    @Override
    public int nfe(TimeGrid grid) {
        int ode = integrator.evaluations(grid.steps() - 1);
        return ode < 0 ? -1 : ode + 1;
    }

    @Override
    public String name() {
        return "pf-ode(" + sde.id() + ", " + integrator.name() + ")";
    }
}
