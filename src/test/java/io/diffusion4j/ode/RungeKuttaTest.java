package io.diffusion4j.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.testing.LogLog;
import io.diffusion4j.testing.WithManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The integrators on problems with exact solutions, Commons-Math style: halve the step and watch the error fall by
 * 2^order. The state has two components of different shapes (an oscillator (2) and a scalar growth (3)), to check
 * that extra components ride along. Float64 throughout, so round-off is far below the errors measured.
 */
class RungeKuttaTest extends WithManager {

    /** y = (cos t, −sin t) for y1' = y2, y2' = −y1; z = z0·exp(sin t) for z' = z·cos t. */
    private static final OdeSystem SYSTEM = (t, y) -> {
        NDArray osc = y.get(0);
        NDArray swapped = osc.get("1:").concat(osc.get(":1").neg());
        return new NDList(swapped, y.get(1).mul(Math.cos(t)));
    };

    private static NDList initial() {
        return new NDList(manager.create(new double[] {1, 0}), manager.create(new double[] {1, 2, -0.5}));
    }

    private static double error(NDList y, double t) {
        double[] osc = y.get(0).toDoubleArray();
        double[] z = y.get(1).toDoubleArray();
        double[] z0 = {1, 2, -0.5};
        double e = Math.max(Math.abs(osc[0] - Math.cos(t)), Math.abs(osc[1] + Math.sin(t)));
        for (int i = 0; i < 3; i++) {
            e = Math.max(e, Math.abs(z[i] - z0[i] * Math.exp(Math.sin(t))));
        }
        return e;
    }

    private static double[] uniform(double t0, double t1, int steps) {
        double[] t = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            t[i] = t0 + (t1 - t0) * i / steps;
        }
        return t;
    }

    private static double fixedError(OdeIntegrator integrator, int steps, double t1) {
        NDList y0 = initial();
        OdeResult r = integrator.integrate(SYSTEM, uniform(0, t1, steps), y0, OdeObserver.NONE);
        assertEquals(steps * integrator.evaluations(1), r.evaluations());
        double e = error(r.y(), t1);
        r.y().close();
        y0.close();
        return e;
    }

    @Test
    void eulerHalvesItsErrorWithTheStep() {
        for (int n : new int[] {50, 100, 200}) {
            double ratio = fixedError(OdeIntegrator.euler(), n, 2) / fixedError(OdeIntegrator.euler(), 2 * n, 2);
            assertEquals(2, ratio, 0.15, "Euler error ratio at n=" + n); // order 1: ratio → 2
        }
    }

    @Test
    void heunQuartersItsErrorWithTheStep() {
        for (int n : new int[] {50, 100, 200}) {
            double ratio = fixedError(OdeIntegrator.heun(), n, 2) / fixedError(OdeIntegrator.heun(), 2 * n, 2);
            assertEquals(4, ratio, 0.3, "Heun error ratio at n=" + n); // order 2: ratio → 4
        }
    }

    @Test
    void integratesBackwardInTime() {
        // From t = 2 back to 0 on the exact solution's state at 2: must return to the initial values.
        NDList y2 = new NDList(manager.create(new double[] {Math.cos(2), -Math.sin(2)}),
                manager.create(new double[] {1, 2, -0.5}).mul(Math.exp(Math.sin(2))));
        OdeResult r = OdeIntegrator.heun().integrate(SYSTEM, uniform(2, 0, 400), y2, OdeObserver.NONE);
        assertTrue(error(r.y(), 0) < 1e-4, "Heun backwards: error " + error(r.y(), 0));
        OdeResult a = OdeIntegrator.dormandPrince(1e-8, 1e-10).integrate(SYSTEM, new double[] {2, 0}, y2, OdeObserver.NONE);
        assertTrue(error(a.y(), 0) < 1e-6, "Dormand–Prince backwards: error " + error(a.y(), 0));
    }

    @Test
    void dormandPrinceMeetsItsToleranceAndScalesAsFifthOrder() {
        List<double[]> rows = new ArrayList<>();
        for (double tol : new double[] {1e-4, 1e-6, 1e-8, 1e-10}) {
            NDList y0 = initial();
            int[] observed = {0};
            OdeResult r = OdeIntegrator.dormandPrince(tol, tol).integrate(SYSTEM, new double[] {0, 5}, y0,
                    s -> observed[0]++);
            double e = error(r.y(), 5);
            // Local control keeps the global error within a small multiple of the tolerance on this smooth problem.
            assertTrue(e < 20 * tol, "tol " + tol + ": error " + e);
            assertEquals(r.steps(), observed[0]);
            assertEquals(2 + 6 * (r.steps() + r.rejected()), r.evaluations());
            rows.add(new double[] {Math.log(tol), Math.log(r.steps())});
        }
        // Steps grow like tol^(−1/5) for a 5th-order method (4th-order error estimator): fitted slope ≈ −0.2.
        double slope = LogLog.slope(rows);
        assertEquals(-0.2, slope, 0.05, "log(steps) vs log(tol) slope");
    }

    @Test
    void stopsExactlyAtEveryRequestedTime() {
        double[] times = {0, 0.3, 1.1, 2.5};
        List<Double> ends = new ArrayList<>();
        OdeIntegrator.dormandPrince(1e-6, 1e-6).integrate(SYSTEM, times, initial(), s -> ends.add(s.t()));
        for (double t : times) {
            if (t > 0) {
                assertTrue(ends.contains(t), "no step ended at " + t + ": " + ends);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> OdeIntegrator.dormandPrince(0, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> OdeIntegrator.dormandPrince(1e-5, -1));
        assertThrows(IllegalArgumentException.class,
                () -> OdeIntegrator.euler().integrate(SYSTEM, new double[] {0, 1, 0.5}, initial(), OdeObserver.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> OdeIntegrator.euler().integrate(SYSTEM, new double[] {0}, initial(), OdeObserver.NONE));
    }
}
