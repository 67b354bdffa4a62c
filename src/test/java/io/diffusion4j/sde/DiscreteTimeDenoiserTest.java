package io.diffusion4j.sde;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.testing.WithManager;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The adapter that lets a discrete-time model serve continuous levels. */
class DiscreteTimeDenoiserTest extends WithManager {

    @Test
    void indexInvertsTheScheduleAndMatchesTheVpSdeTime() {
        Schedule linear = Schedule.linear(1000, 1e-4, 0.02);
        DiscreteTimeDenoiser d = new DiscreteTimeDenoiser((x, l) -> null, linear);
        for (int t : new int[] {1, 2, 17, 500, 999, 1000}) {
            assertEquals(t, d.index(linear.logSnr(t)), 1e-9, "index of step " + t);
        }
        // The VP SDE with β = 0.1…20 is the continuous limit of this schedule: τ ≈ 1000·t. They differ by
        // log(1 − β) ≈ −β − β²/2: Σβ²/2 ≈ 0.07 in log ᾱ by the end, a shift of under 5 steps (0.5 %).
        VpSde vp = VpSde.standard();
        for (double t : new double[] {0.02, 0.1, 0.5, 0.9, 1}) {
            assertEquals(1000 * t, d.index(vp.marginal(t).logSnr()), 5.0, "VP time " + t);
        }
        assertEquals(1, d.index(Double.POSITIVE_INFINITY));
        assertEquals(1000, d.index(-50));
    }

    @Test
    void feedsTheInterpolatedIndexAndKeepsTheCallersLevel() {
        Schedule linear = Schedule.linear(1000, 1e-4, 0.02);
        List<NoiseLevel> seen = new ArrayList<>();
        Denoiser recorder = (x, l) -> {
            seen.add(l);
            return Prediction.fromEps(x, x.zerosLike(), l);
        };
        NoiseLevel asked = VpSde.standard().marginal(0.4);
        Prediction p = new DiscreteTimeDenoiser(recorder, linear).predict(manager.ones(new Shape(2, 2)), asked);
        assertEquals(asked, p.level());
        assertEquals(asked.sigma(), seen.get(0).sigma(), 1e-12); // VP levels pass unscaled
        assertTrue(seen.get(0).time() > 395 && seen.get(0).time() < 405, "fed " + seen.get(0).time());
    }

    @Test
    void rescalesNonVpLevelsWithoutChangingThePrediction() {
        // The oracle ignores the time it is fed, so the adapter around it must agree with it at every level:
        // that holds only if the rescaling to the VP level of equal SNR is right.
        MixtureOracle oracle = new MixtureOracle(SdeTest.normalisedGmm8());
        Denoiser adapted = new DiscreteTimeDenoiser(oracle, Schedule.linear(1000, 1e-4, 0.02));
        NDArray x0 = oracle.mixture().sample(64, new NoiseSource(2)).toNDArray(manager);
        for (Sde sde : List.of(SubVpSde.standard(), VeSde.of(10))) {
            for (double t : new double[] {0.05, 0.5, 0.95}) {
                NoiseLevel l = sde.marginal(t);
                NDArray xt = x0.mul(l.alpha()).add(new NoiseSource(3).normal(manager, x0.getShape()).mul(l.sigma()));
                Prediction a = adapted.predict(xt, l);
                Prediction b = oracle.predict(xt, l);
                double err = a.x0().sub(b.x0()).abs().max().getFloat();
                assertTrue(err < 1e-4, sde.id() + " t=" + t + ": x̂₀ differs by " + err);
                assertTrue(a.score().sub(b.score()).abs().max().getFloat() < 1e-3 / l.sigma(), sde.id() + " score");
            }
        }
    }
}
