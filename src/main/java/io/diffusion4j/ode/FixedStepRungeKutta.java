package io.diffusion4j.ode;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * An explicit Runge–Kutta method taking exactly one step between consecutive requested times, so the time grid is
 * the step-size sequence (non-uniform grids allowed). Each step runs in its own sub-manager of the initial state's
 * manager; only the new state survives it. Euler and Heun are {@link ButcherTableau#EULER} and
 * {@link ButcherTableau#HEUN}.
 */
public record FixedStepRungeKutta(ButcherTableau tableau) implements OdeIntegrator {

    @Override
    public OdeResult integrate(OdeSystem system, double[] times, NDList y0, OdeObserver observer) {
        OdeIntegrator.checkTimes(times);
        NDManager parent = y0.head().getManager();
        NDList y = y0;
        int evaluations = 0;
        for (int i = 0; i + 1 < times.length; i++) {
            NDList next;
            try (NDManager sm = parent.newSubManager()) {
                if (y == y0) {
                    y.tempAttach(sm);
                } else {
                    y.attach(sm);
                }
                next = tableau.step(system, times[i], y, times[i + 1] - times[i], null).y();
                evaluations += tableau.stages();
                observer.onStep(new OdeObserver.Step(i, times[i], times[i + 1], next, evaluations));
                next.attach(parent);
            }
            y = next;
        }
        return new OdeResult(y, evaluations, times.length - 1, 0);
    }

    @Override
    public int evaluations(int intervals) {
        return intervals * tableau.stages();
    }

    @Override
    public String name() {
        return tableau.name();
    }
}
