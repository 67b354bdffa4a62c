package io.diffusion4j.param;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.PerSample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParametrizationTest {
    static NDManager m;

    @BeforeAll
    static void start() {
        m = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    private static double maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getDouble();
    }

    @ParameterizedTest
    @EnumSource(Parametrization.class)
    void targetConvertsBackToTheTruth(Parametrization p) {
        NoiseSource noise = new NoiseSource(7);
        NDArray x0 = noise.normal(m, new Shape(16, 2, 3)).toType(DataType.FLOAT64, false);
        NDArray eps = noise.normal(m, new Shape(16, 2, 3)).toType(DataType.FLOAT64, false);
        for (NoiseLevel level : new NoiseLevel[] {new NoiseLevel(0.99, Math.sqrt(1 - 0.99 * 0.99), 3),
                new NoiseLevel(0.3, Math.sqrt(0.91), 700), new NoiseLevel(1.0, 5.0, 0.5)}) {   // VP twice, then VE-like
            NDArray xt = ForwardProcess.qSample(x0, eps, level);
            NDArray a = PerSample.scalar(level.alpha(), x0);
            NDArray s = PerSample.scalar(level.sigma(), x0);
            Prediction pred = p.predict(p.target(x0, eps, a, s), xt, level);
            assertEquals(0, maxDiff(pred.x0(), x0), 1e-9, p + " x0");
            assertEquals(0, maxDiff(pred.eps(), eps), 1e-9, p + " eps");
            // v = α ε − σ x₀ (Salimans & Ho) and the score −ε/σ (Tweedie)
            assertEquals(0, maxDiff(pred.v(), eps.mul(level.alpha()).sub(x0.mul(level.sigma()))), 1e-9);
            assertEquals(0, maxDiff(pred.score(), eps.div(-level.sigma())), 1e-9);
        }
    }

    @ParameterizedTest
    @EnumSource(Parametrization.class)
    void x0ErrorScaleIsTheRatioOfSquaredErrors(Parametrization p) {
        NoiseSource noise = new NoiseSource(8);
        NDArray x0 = noise.normal(m, new Shape(8, 4)).toType(DataType.FLOAT64, false);
        NDArray eps = noise.normal(m, new Shape(8, 4)).toType(DataType.FLOAT64, false);
        NDArray wrong = noise.normal(m, new Shape(8, 4)).toType(DataType.FLOAT64, false);
        NoiseLevel level = new NoiseLevel(0.6, 0.8, 10);
        NDArray xt = ForwardProcess.qSample(x0, eps, level);
        NDArray a = PerSample.scalar(level.alpha(), x0);
        NDArray s = PerSample.scalar(level.sigma(), x0);
        NDArray target = p.target(x0, eps, a, s);
        double outErr = wrong.sub(target).square().sum().getDouble();
        double x0Err = p.x0(wrong, xt, a, s).sub(x0).square().sum().getDouble();
        assertEquals(p.x0ErrorScale(0.6, 0.8), outErr / x0Err, 1e-9);
    }

    @Test
    void clippingKeepsEpsConsistent() {
        NoiseLevel level = new NoiseLevel(0.5, Math.sqrt(0.75), 1);
        NDArray x = m.create(new double[] {3, -3, 0.2}).reshape(1, 3);
        Prediction p = Prediction.fromX0(x, m.create(new double[] {4, -4, 0.1}).reshape(1, 3), level).clipX0(-1, 1);
        assertEquals(0, maxDiff(p.x0(), m.create(new double[] {1, -1, 0.1}).reshape(1, 3)), 1e-12);
        assertEquals(0, maxDiff(ForwardProcess.qSample(p.x0(), p.eps(), level), x), 1e-12);
    }

    @Test
    void epsPredictionRefusesZeroTerminalSnr() {
        NDArray x = m.ones(new Shape(1, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Parametrization.EPS.predict(x, x, new NoiseLevel(0, 1, 1000)));
        assertEquals(true, e.getMessage().contains("--prediction v"));
    }
}
