package io.diffusion4j.process;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.schedule.Transition;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForwardProcessTest {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    @Test
    void bothPublishedFormsOfThePosteriorMeanAgree() {
        Schedule s = ScheduleSpec.of("cosine", 1000).build();
        NoiseSource noise = new NoiseSource(3);
        NDArray x0 = noise.normal(m, new Shape(64, 3)).toType(DataType.FLOAT64, false);
        NDArray eps = noise.normal(m, new Shape(64, 3)).toType(DataType.FLOAT64, false);
        for (int t : new int[] {2, 10, 300, 999}) {
            for (int s0 : new int[] {t - 1, Math.max(0, t - 37)}) {       // adjacent and skipped steps
                Transition tr = Transition.between(s.level(t), s.level(s0));
                NDArray xt = ForwardProcess.qSample(x0, eps, tr.from());
                NDArray a = ForwardProcess.posteriorMean(x0, xt, tr);          // Ho et al. eq. 7
                NDArray b = ForwardProcess.posteriorMeanFromEps(xt, eps, tr);  // Ho et al. eq. 11
                assertEquals(0.0, a.sub(b).abs().max().getDouble(), 1e-9, "t=" + t + " s=" + s0);
            }
        }
    }

    @Test
    void adjacentTransitionIsTheDdpmStep() {
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        for (int t : new int[] {1, 5, 700, 1000}) {
            Transition tr = Transition.between(s.level(t), s.level(t - 1));
            assertEquals(s.beta(t), tr.stepVariance(), 1e-12);
            assertEquals(Math.sqrt(s.alpha(t)), tr.alphaTS(), 1e-12);
            assertEquals(Math.sqrt(s.alphaBar(t - 1)) * s.beta(t) / (1 - s.alphaBar(t)), tr.coefX0(), 1e-12);
            assertEquals(Math.sqrt(s.alpha(t)) * (1 - s.alphaBar(t - 1)) / (1 - s.alphaBar(t)), tr.coefXt(), 1e-12);
        }
    }

    @Test
    void qSampleHasTheClosedFormMoments() {
        Schedule s = ScheduleSpec.of("linear", 1000).build();
        int n = 200_000;
        NoiseSource noise = new NoiseSource(11);
        NDArray x0 = m.full(new Shape(n, 1), 2.0f);
        NDArray xt = ForwardProcess.qSample(x0, noise.normal(m, new Shape(n, 1)), s.level(400));
        double mean = xt.mean().getFloat();
        double var = xt.sub(mean).square().mean().getFloat();
        // standard errors: σ/√n ≈ 0.0022 for the mean, σ²√(2/n) ≈ 0.003 for the variance; allow 5 of each
        assertEquals(2 * s.sqrtAlphaBar(400), mean, 5 * s.sigma(400) / Math.sqrt(n));
        assertEquals(1 - s.alphaBar(400), var, 5 * (1 - s.alphaBar(400)) * Math.sqrt(2.0 / n));
    }
}
