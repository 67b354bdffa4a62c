package io.diffusion4j.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PSNR and SSIM against closed forms and an independent reference computation. */
class ImageQualityTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    /** x(i, j) = sin(0.7 i)·cos(0.3 j) and y = x + 0.3·sin(0.1 i j) on 16×20, as (1, 1, 16, 20) float64. */
    private static NDArray[] pair() {
        int h = 16;
        int w = 20;
        double[] x = new double[h * w];
        double[] y = new double[h * w];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                x[i * w + j] = Math.sin(0.7 * i) * Math.cos(0.3 * j);
                y[i * w + j] = x[i * w + j] + 0.3 * Math.sin(0.1 * i * j);
            }
        }
        return new NDArray[] {manager.create(x, new Shape(1, 1, h, w)), manager.create(y, new Shape(1, 1, h, w))};
    }

    @Test
    void matchesAnIndependentNumpyComputationOfWangEtAlEq13() {
        NDArray[] p = pair();
        // Reference: numpy + scipy.signal.correlate2d(mode="valid") of the same 11×11, σ = 1.5 window, R = 2
        // (bench/inverse/ssim_reference.py); also PSNR = 10 log10(4 / MSE).
        assertEquals(0.6761340577810467, Ssim.mean(p[0], p[1], 2.0), 1e-10);
        assertEquals(19.853529328196327, Psnr.mean(p[0], p[1], 2.0), 1e-10);
    }

    @Test
    void closedFormsOnConstantAndIdenticalImages() {
        NDArray[] p = pair();
        assertEquals(1.0, Ssim.mean(p[0], p[0], 2.0), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Psnr.mean(p[0], p[0], 2.0));
        // Constant images a and b: zero variances, so SSIM = (2ab + C1)/(a² + b² + C1) with C1 = (0.01·R)².
        double a = 0.2;
        double b = -0.1;
        double c1 = 0.02 * 0.02;
        NDArray ca = manager.full(new Shape(2, 3, 12, 12), (float) a);
        NDArray cb = manager.full(new Shape(2, 3, 12, 12), (float) b);
        double[] s = Ssim.perImage(ca, cb, 2.0);
        assertEquals(2, s.length);
        assertEquals((2 * a * b + c1) / (a * a + b * b + c1), s[1], 1e-6); // float32 inputs
        // A uniform error e gives MSE = e²: PSNR = 10·log10(R²/e²).
        assertEquals(10 * Math.log10(4 / 0.09), Psnr.perImage(ca, cb, 2.0)[0], 1e-4);
    }

    @Test
    void refusesMismatchedOrTinyImages() {
        NDArray[] p = pair();
        assertThrows(IllegalArgumentException.class, () -> Ssim.mean(p[0], p[0].reshape(1, 16, 20), 2.0));
        NDArray small = manager.zeros(new Shape(1, 1, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> Ssim.mean(small, small, 2.0));
        assertThrows(IllegalArgumentException.class, () -> Psnr.mean(small, small, 0));
    }
}
