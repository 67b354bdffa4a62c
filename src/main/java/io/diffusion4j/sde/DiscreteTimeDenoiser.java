package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;

/**
 * A denoiser trained on a discrete schedule (network time = index 1..T), made usable at any continuous level, so a
 * DDPM model is a score model for every SDE sampler (Song et al. 2021, Appendix B/C: DDPM ↔ VP SDE). For a level
 * (a, b): the input is rescaled by c = 1/√(a² + b²) to the variance-preserving level (ca, cb) with the same SNR,
 * the network is fed the fractional index τ where the schedule's log-SNR equals the level's (linear
 * interpolation between indices, clamped to [1, T]), and x̂₀, ε̂ — invariant under the rescaling — are returned
 * at the caller's level, whose score is −ε̂/b (Tweedie). For VP levels c = 1 and τ ≈ t·T.
 */
public final class DiscreteTimeDenoiser implements Denoiser {
    private final Denoiser network;
    private final Schedule schedule;
    private final double[] logSnr; // logSnr[t] for t = 1..T, decreasing; logSnr[0] unused

    public DiscreteTimeDenoiser(Denoiser network, Schedule schedule) {
        this.network = network;
        this.schedule = schedule;
        this.logSnr = new double[schedule.T() + 1];
        for (int t = 1; t <= schedule.T(); t++) {
            logSnr[t] = schedule.logSnr(t);
        }
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The fractional index τ ∈ [1, T] whose log-SNR (interpolated linearly between indices) is {@code lambda}. */
    public double index(double lambda) {
        int T = schedule.T();
        if (!(lambda < logSnr[1])) {
            return 1;
        }
        if (!(lambda > logSnr[T])) {
            return T;
        }
        int lo = 1;
        int hi = T; // invariant: logSnr[lo] > lambda >= logSnr[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (logSnr[mid] > lambda) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + (logSnr[lo] - lambda) / (logSnr[lo] - logSnr[hi]);
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        if (level.isData()) {
            return Prediction.fromX0(x, x.div(level.alpha()), level);
        }
        double c = 1 / Math.hypot(level.alpha(), level.sigma());
        NoiseLevel vp = new NoiseLevel(c * level.alpha(), c * level.sigma(), index(level.logSnr()));
        Prediction p = network.predict(c == 1 ? x : x.mul(c), vp);
        return new Prediction(x, p.x0(), p.eps(), level);
    }
}
