package io.diffusion4j.ode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Adaptive Dormand–Prince 5(4) (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner, <i>Solving ODEs I</i>, §II.4):
 * the 5th-order solution is kept (local extrapolation), the 4th-order embedded one estimates the error, measured as
 * err = ‖e_i / (atol + rtol·max(|y_i|, |y1_i|))‖_RMS over every entry of every state array (eq. 4.11); a step is
 * accepted when err ≤ 1 and the next step is h·min(5, max(0.2, 0.9·err^(−1/5))) (eq. 4.13, no growth right after a
 * rejection). The first step size follows Hairer's starting-step algorithm (§II.4). Steps are shortened to land
 * exactly on each requested time. The whole state shares one step size, so the samples of a batch are solved
 * together, as scipy's {@code solve_ivp} does in score_sde.
 */
public record DormandPrince54(double rtol, double atol) implements OdeIntegrator {
    private static final ButcherTableau TABLEAU = ButcherTableau.DORMAND_PRINCE;
    private static final int MAX_STEPS = 100_000;
    private static final double SAFETY = 0.9;
    private static final double FAC_MIN = 0.2;
    private static final double FAC_MAX = 5.0;
    private static final double EXPONENT = 1.0 / 5;

    public DormandPrince54 {
        if (!(rtol > 0) || !Double.isFinite(rtol)) {
            throw new IllegalArgumentException("rtol must be > 0, got " + rtol + "; try 1e-5");
        }
        if (!(atol > 0) || !Double.isFinite(atol)) {
            throw new IllegalArgumentException("atol must be > 0, got " + atol + "; try 1e-5");
        }
    }

    @Override
    public OdeResult integrate(OdeSystem system, double[] times, NDList y0, OdeObserver observer) {
        OdeIntegrator.checkTimes(times);
        NDManager parent = y0.head().getManager();
        double dir = Math.signum(times[1] - times[0]);
        double t = times[0];
        NDList y = y0;
        NDList k1;
        double h;
        try (NDManager sm = parent.newSubManager()) {
            y0.tempAttach(sm);
            k1 = system.derivative(t, y0);
            h = dir * initialStep(system, t, y0, k1, dir, Math.abs(times[times.length - 1] - t));
            k1.attach(parent);
        }
        int evaluations = 2;
        int steps = 0;
        int rejected = 0;
        boolean lastRejected = false;
        for (int seg = 1; seg < times.length; seg++) {
            double tEnd = times[seg];
            while (dir * (tEnd - t) > 0) {
                if (steps + rejected >= MAX_STEPS || Math.abs(h) < 1e-14 * Math.max(1, Math.abs(t))) {
                    throw new IllegalStateException("Dormand–Prince could not meet rtol=" + rtol + ", atol=" + atol
                            + " near t=" + t + "; loosen the tolerances");
                }
                double hStep = dir * Math.min(Math.abs(h), Math.abs(tEnd - t));
                boolean last = Math.abs(tEnd - t) <= Math.abs(h);
                NDList yNew = null;
                NDList kNew = null;
                double err;
                try (NDManager sm = parent.newSubManager()) {
                    y.tempAttach(sm);
                    k1.tempAttach(sm);
                    ButcherTableau.Step st = TABLEAU.step(system, t, y, hStep, k1);
                    evaluations += TABLEAU.evaluationsPerStep();
                    err = errorNorm(y, st.y(), st.k(), hStep);
                    if (err <= 1) {
                        double tNext = last ? tEnd : t + hStep;
                        observer.onStep(new OdeObserver.Step(steps, t, tNext, st.y(), evaluations));
                        yNew = st.y();
                        kNew = st.k()[TABLEAU.stages() - 1];
                        yNew.attach(parent);
                        kNew.attach(parent);
                    }
                }
                double fac = err == 0 ? FAC_MAX : SAFETY * Math.pow(err, -EXPONENT);
                fac = Math.max(FAC_MIN, Math.min(lastRejected ? 1.0 : FAC_MAX, fac));
                if (yNew != null) {
                    if (y != y0) {
                        y.close();
                    }
                    k1.close();
                    y = yNew;
                    k1 = kNew;
                    t = last ? tEnd : t + hStep;
                    steps++;
                    lastRejected = false;
                    // A step cut short to hit tEnd says nothing about the next one: keep the longer h.
                    h = last ? dir * Math.max(Math.abs(h), Math.abs(hStep * fac)) : hStep * fac;
                } else {
                    rejected++;
                    lastRejected = true;
                    h = hStep * fac;
                }
            }
        }
        k1.close();
        return new OdeResult(y, evaluations, steps, rejected);
    }

    /** err of eq. 4.11 with e = h·Σ (b_j − b̂_j)·k_j. */
    private double errorNorm(NDList y, NDList y1, NDList[] k, double h) {
        double[] w = new double[TABLEAU.stages()];
        for (int j = 0; j < w.length; j++) {
            w[j] = TABLEAU.b()[j] - TABLEAU.bHat()[j];
        }
        double sum = 0;
        long n = 0;
        for (int c = 0; c < y.size(); c++) {
            NDArray e = ButcherTableau.increment(k, c, h, w);
            NDArray scale = y.get(c).abs().maximum(y1.get(c).abs()).mul(rtol).add(atol);
            sum += scalar(e.div(scale).square().sum());
            n += y.get(c).size();
        }
        return Math.sqrt(sum / n);
    }

    /** Hairer et al.'s starting step size (§II.4, "Starting step size"); one extra evaluation of F. */
    private double initialStep(OdeSystem f, double t, NDList y, NDList f0, double dir, double span) {
        double d0 = scaledRms(y, y);
        double d1 = scaledRms(f0, y);
        double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, span);
        NDList y1 = ButcherTableau.combine(y, h0 * dir, new double[] {1}, new NDList[] {f0});
        NDList f1 = f.derivative(t + h0 * dir, y1);
        double d2 = 0;
        for (int c = 0; c < y.size(); c++) {
            NDArray diff = f1.get(c).sub(f0.get(c));
            d2 += scalar(diff.div(y.get(c).abs().mul(rtol).add(atol)).square().sum());
        }
        d2 = Math.sqrt(d2 / size(y)) / h0;
        double m = Math.max(d1, d2);
        double h1 = m <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / m, EXPONENT);
        return Math.min(Math.min(100 * h0, h1), span);
    }

    private double scaledRms(NDList v, NDList y) {
        double s = 0;
        for (int c = 0; c < v.size(); c++) {
            s += scalar(v.get(c).div(y.get(c).abs().mul(rtol).add(atol)).square().sum());
        }
        return Math.sqrt(s / size(y));
    }

    private static long size(NDList y) {
        long n = 0;
        for (NDArray a : y) {
            n += a.size();
        }
        return n;
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }

    @Override
    public int evaluations(int intervals) {
        return -1;
    }

    @Override
    public String name() {
        return "dopri5(rtol=" + rtol + ", atol=" + atol + ")";
    }
}
