package io.diffusion4j.ode;

import ai.djl.ndarray.NDList;

/**
 * An algorithm that integrates an {@link OdeSystem} (Commons Math's {@code FirstOrderIntegrator}). The times are the
 * points the solution must pass through, increasing or decreasing: a fixed-step method takes exactly one step
 * between consecutive times, an adaptive one as many as its tolerances need. Integrators are stateless values; the
 * same instance may serve several threads.
 */
public interface OdeIntegrator {

    /** Integrates from {@code times[0]}, where the state is y0, to the last time; y0 is left untouched. */
    OdeResult integrate(OdeSystem system, double[] times, NDList y0, OdeObserver observer);

    /** Evaluations of F over {@code intervals} consecutive intervals, or −1 when it depends on the problem (adaptive). */
    int evaluations(int intervals);

    /** A short name for reports, e.g. "heun". */
    String name();

    /** Explicit Euler: one step of order 1 per interval. */
    static OdeIntegrator euler() {
        return new FixedStepRungeKutta(ButcherTableau.EULER);
    }

    /** Heun's method (explicit trapezoidal rule, Karras et al. 2022 Algorithm 1): order 2, two evaluations per step. */
    static OdeIntegrator heun() {
        return new FixedStepRungeKutta(ButcherTableau.HEUN);
    }

    /** Adaptive Dormand–Prince 5(4) with relative and absolute tolerances. */
    static OdeIntegrator dormandPrince(double rtol, double atol) {
        return new DormandPrince54(rtol, atol);
    }

    /** Checks that times has at least two entries and is strictly monotone. */
    static void checkTimes(double[] times) {
        if (times.length < 2) {
            throw new IllegalArgumentException("an integration needs at least two times, got " + times.length);
        }
        double dir = Math.signum(times[1] - times[0]);
        for (int i = 1; i < times.length; i++) {
            if (!(Math.signum(times[i] - times[i - 1]) == dir) || dir == 0 || !Double.isFinite(times[i])) {
                throw new IllegalArgumentException("integration times must be finite and strictly monotone, "
                        + "violated at index " + i);
            }
        }
    }
}
