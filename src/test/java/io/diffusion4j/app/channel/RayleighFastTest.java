package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-symbol against block Rayleigh fading: the moments of y given x and the equalised noise's tail. */
class RayleighFastTest {
    private static NDManager manager;
    private static final float[] X = {1f, -0.6f, 0.3f, 1.4f};
    private static final double SIGMA = 0.4;

    @BeforeAll
    static void open() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static Points draw(Channel ch, int draws, long seed) {
        NDArray x = manager.create(X, new Shape(1, X.length)).repeat(0, draws);
        return Points.of(ch.transmit(x, new NoiseSource(seed)));
    }

    @Test
    void fastFadingDecorrelatesTheGainsBlockFadingSharesThem() {
        // E[h] = √π/2, Var h = 1 − π/4 for h² ~ Exp(1); E[y|x] = E[h]·x; Cov = Var h · (diag x² | x xᵀ) + σ²I
        double mh = Math.sqrt(Math.PI) / 2;
        double vh = 1 - Math.PI / 4;
        double[] mean = new double[X.length];
        double[][] fast = new double[X.length][X.length];
        double[][] block = new double[X.length][X.length];
        for (int i = 0; i < X.length; i++) {
            mean[i] = mh * X[i];
            for (int j = 0; j < X.length; j++) {
                block[i][j] = vh * X[i] * X[j] + (i == j ? SIGMA * SIGMA : 0);
                fast[i][j] = i == j ? block[i][j] : 0;
            }
        }
        TappedDelayLineTest.assertCovariance(fast, mean, draw(new RayleighChannel(SIGMA, false, true), 200_000, 1), "fast");
        TappedDelayLineTest.assertCovariance(block, mean, draw(new RayleighChannel(SIGMA, false, false), 200_000, 2), "block");
    }

    @Test
    void equalisedNoiseHasTheRayleighTailIndependentlyPerSymbol() {
        // y − x = σz/h with z ~ N(0,1), h² ~ Exp(1): P(|y − x| > t) = E[2Q(c h)] = 1 − √(c²/(2 + c²)), c = t/σ (the
        // Rayleigh BPSK formula with SNR c²/2); per-symbol gains make the events of two symbols independent.
        int draws = 200_000;
        double t = 0.8;
        double c2 = Math.pow(t / SIGMA, 2);
        double tail = 1 - Math.sqrt(c2 / (2 + c2));
        Points y = draw(new RayleighChannel(SIGMA, true, true), draws, 3);
        long one = 0;
        long both = 0;
        for (int i = 0; i < draws; i++) {
            boolean a = Math.abs(y.get(i, 0) - X[0]) > t;
            boolean b = Math.abs(y.get(i, 1) - X[1]) > t;
            one += a ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        // binomial SE √(p(1−p)/N); 4.5 SE
        assertEquals(tail, (double) one / draws, 4.5 * Math.sqrt(tail * (1 - tail) / draws), "marginal tail");
        double pp = tail * tail;
        assertEquals(pp, (double) both / draws, 4.5 * Math.sqrt(pp * (1 - pp) / draws), "joint tail = product");
    }
}
