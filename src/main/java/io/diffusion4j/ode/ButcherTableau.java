package io.diffusion4j.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Arrays;

/**
 * The coefficients of an explicit Runge–Kutta method (Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §II.1):
 * stage i evaluates F at t + c_i·h and y + h·Σ_{j&lt;i} a_ij·k_j, and the step is y + h·Σ b_j·k_j. An embedded pair
 * adds the weights {@code bHat} of a lower-order solution for error control. Every Runge–Kutta method here is one
 * of these tables; the stepping code is shared.
 *
 * @param name  a short name
 * @param order the order of the b-solution
 * @param c     nodes
 * @param a     the strictly lower-triangular matrix, row i of length i
 * @param b     the solution weights
 * @param bHat  the embedded weights, or null
 */
public record ButcherTableau(String name, int order, double[] c, double[][] a, double[] b, double[] bHat) {

    /** Explicit Euler. */
    public static final ButcherTableau EULER = new ButcherTableau("euler", 1,
            new double[] {0}, new double[][] {{}}, new double[] {1}, null);

    /** Heun's method, the explicit trapezoidal rule (Karras et al. 2022, Algorithm 1, lines 5–8). */
    public static final ButcherTableau HEUN = new ButcherTableau("heun", 2,
            new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, null);

    /** Dormand &amp; Prince 1980, RK5(4)7M (Hairer et al., Table II.5.2): 5th-order solution, 4th-order embedded, FSAL. */
    public static final ButcherTableau DORMAND_PRINCE = new ButcherTableau("dopri5", 5,
            new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
            new double[][] {
                {},
                {1.0 / 5},
                {3.0 / 40, 9.0 / 40},
                {44.0 / 45, -56.0 / 15, 32.0 / 9},
                {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
                {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
                {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
            new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
            new double[] {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40});

    public ButcherTableau {
        int s = c.length;
        if (a.length != s || b.length != s || (bHat != null && bHat.length != s)) {
            throw new IllegalArgumentException("Butcher tableau " + name + ": c, a, b, bHat need one entry per stage");
        }
        for (int i = 0; i < s; i++) {
            if (a[i].length != i) {
                throw new IllegalArgumentException("Butcher tableau " + name + ": row " + i + " of a needs " + i + " entries");
            }
        }
    }

    public int stages() {
        return c.length;
    }

    /**
     * First same as last: the last stage is evaluated at the step's end point, so its derivative is the first
     * stage of the next step.
     */
    public boolean fsal() {
        int s = stages();
        return s > 1 && c[s - 1] == 1 && Arrays.equals(a[s - 1], Arrays.copyOf(b, s - 1)) && b[s - 1] == 0;
    }

    /** A step: the new state and the stage derivatives k_1..k_s. */
    public record Step(NDList y, NDList[] k) {
    }

    /**
     * One step of size h from (t, y). {@code k1}, when not null, is F(t, y) known from the previous step (FSAL) and
     * is not re-evaluated. Returns the new state and all stage derivatives.
     */
    public Step step(OdeSystem f, double t, NDList y, double h, NDList k1) {
        int s = stages();
        NDList[] k = new NDList[s];
        k[0] = k1 != null ? k1 : f.derivative(t, y);
        NDList last = null;
        for (int i = 1; i < s; i++) {
            last = combine(y, h, a[i], k);
            k[i] = f.derivative(t + c[i] * h, last);
        }
        NDList next = fsal() ? last : combine(y, h, b, k);
        return new Step(next, k);
    }

    /** Number of evaluations of F per step (one fewer once an FSAL method has its first stage). */
    public int evaluationsPerStep() {
        return fsal() ? stages() - 1 : stages();
    }

    /** y + h·Σ_j w_j·k_j, component by component; zero weights are skipped and w may be shorter than k. */
    public static NDList combine(NDList y, double h, double[] w, NDList[] k) {
        NDList out = new NDList(y.size());
        for (int comp = 0; comp < y.size(); comp++) {
            NDArray inc = increment(k, comp, h, w);
            out.add(inc == null ? y.get(comp).duplicate() : y.get(comp).add(inc));
        }
        return out;
    }

    /** h·Σ_j w_j·k_j for one component, or null when every weight is zero. */
    static NDArray increment(NDList[] k, int comp, double h, double[] w) {
        NDArray acc = null;
        for (int j = 0; j < w.length; j++) {
            if (w[j] != 0) {
                NDArray term = k[j].get(comp).mul(h * w[j]);
                acc = acc == null ? term : acc.add(term);
            }
        }
        return acc;
    }
}
