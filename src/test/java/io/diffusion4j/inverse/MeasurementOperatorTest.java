package io.diffusion4j.inverse;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operators against exact answers: adjoint identities, Penrose conditions, brute-force convolution and pooling. */
class MeasurementOperatorTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    private static NDArray normal(Shape s, long seed) {
        return new NoiseSource(seed).normal(manager, s).toType(DataType.FLOAT64, false);
    }

    private static List<MeasurementOperator> operators() {
        return List.of(MeasurementOperator.identity(), Mask.centerBox(8, 12), Mask.randomPixels(8, 12, 0.7, new NoiseSource(3)),
                new GaussianBlur(5, 1.3), new DownSample(2, DownSample.Upsampling.NEAREST),
                new DownSample(4, DownSample.Upsampling.BICUBIC));
    }

    @Test
    void adjointSatisfiesInnerProductIdentity() {
        Shape image = new Shape(2, 3, 8, 12);
        for (MeasurementOperator a : operators()) {
            NDArray x = normal(image, 1);
            NDArray y = normal(a.measurementShape(image), 2);
            double lhs = a.apply(x).mul(y).sum().getDouble();
            double rhs = x.mul(a.adjoint(y)).sum().getDouble();
            // float64 sums of ~300 products of O(1) terms: round-off far below 1e-9
            assertEquals(lhs, rhs, 1e-9 * (1 + Math.abs(lhs)), a.name());
        }
    }

    @Test
    void pseudoInversesSatisfyPenroseConditions() {
        Shape image = new Shape(2, 1, 8, 12);
        for (MeasurementOperator a : operators()) {
            if (!a.hasPseudoInverse()) {
                assertThrows(UnsupportedOperationException.class, () -> a.pseudoInverse(normal(image, 0)));
                continue;
            }
            NDArray x = normal(image, 4);
            NDArray ax = a.apply(x);
            NDArray aPinvAx = a.apply(a.pseudoInverse(ax));
            assertEquals(0, aPinvAx.sub(ax).abs().max().getDouble(), 1e-12, a.name() + ": A A⁺ A = A");
            NDArray y = normal(a.measurementShape(image), 5);
            NDArray p = a.pseudoInverse(y);
            assertEquals(0, a.pseudoInverse(a.apply(p)).sub(p).abs().max().getDouble(), 1e-12, a.name() + ": A⁺ A A⁺ = A⁺");
        }
    }

    @Test
    void gradientOfSquaredMeasurementIsTwiceAdjointOfMeasurement() {
        for (MeasurementOperator a : operators()) {
            NDArray x = normal(new Shape(2, 1, 8, 12), 6);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(a.apply(x).square().sum());
            }
            NDArray expected = a.adjoint(a.apply(x.stopGradient())).mul(2);
            assertEquals(0, x.getGradient().sub(expected).abs().max().getDouble(), 1e-10, a.name());
        }
    }

    @Test
    void blurMatchesDirectZeroPaddedConvolution() {
        GaussianBlur blur = new GaussianBlur(3, 0.8);
        double[] k = blur.kernel();
        assertEquals(1, java.util.Arrays.stream(k).sum(), 1e-12);
        assertEquals(k[0], k[8], 1e-15);
        int h = 4;
        int w = 5;
        NDArray x = normal(new Shape(1, h, w), 7);
        double[] xv = x.toDoubleArray();
        double[] got = blur.apply(x).toDoubleArray();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int i = -1; i <= 1; i++) {
                    for (int j = -1; j <= 1; j++) {
                        if (r + i >= 0 && r + i < h && c + j >= 0 && c + j < w) {
                            s += k[(i + 1) * 3 + j + 1] * xv[(r + i) * w + c + j];
                        }
                    }
                }
                assertEquals(s, got[r * w + c], 1e-12);
            }
        }
    }

    @Test
    void downSampleAveragesBlocksAndUpSamplersReproduceSmoothImages() {
        DownSample d = new DownSample(2, DownSample.Upsampling.NEAREST);
        NDArray x = manager.arange(0f, 24f).toType(DataType.FLOAT64, false).reshape(1, 4, 6);
        // block (0,0) = {0,1,6,7}, mean 3.5; block (1,2) = {16,17,22,23}, mean 19.5
        double[] low = d.apply(x).toDoubleArray();
        assertEquals(6, low.length);
        assertEquals(3.5, low[0], 1e-12);
        assertEquals(19.5, low[5], 1e-12);
        assertArrayEquals(new double[] {3.5, 3.5, 5.5, 5.5}, java.util.Arrays.copyOf(d.upsample(d.apply(x)).toDoubleArray(), 4), 1e-12);
        // Keys' cubic reproduces linear functions away from the replicated borders: a ramp 3i + 2j on 6×8 → 12×16
        DownSample b = new DownSample(2, DownSample.Upsampling.BICUBIC);
        double[] ramp = new double[6 * 8];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                ramp[i * 8 + j] = 3 * i + 2 * j;
            }
        }
        NDArray up = b.upsample(manager.create(ramp, new Shape(1, 1, 6, 8)));
        assertEquals(new Shape(1, 1, 12, 16), up.getShape());
        double[] u = up.toDoubleArray();
        for (int o = 3; o < 9; o++) {
            for (int q = 3; q < 13; q++) {
                double expected = 3 * ((o + 0.5) / 2 - 0.5) + 2 * ((q + 0.5) / 2 - 0.5);
                assertEquals(expected, u[o * 16 + q], 1e-9, "(" + o + ", " + q + ")");
            }
        }
        NDArray constant = b.upsample(manager.full(new Shape(2, 3, 5), 0.25f));
        assertEquals(DataType.FLOAT32, constant.getDataType());
        assertEquals(0, constant.sub(0.25f).abs().max().getFloat(), 1e-6);
    }

    @Test
    void masksHaveTheRequestedPixels() {
        Mask box = Mask.box(6, 8, 1, 2, 3, 4);
        assertEquals(1 - 12.0 / 48, box.observedFraction(), 1e-12);
        double[] keep = box.keep();
        assertEquals(0, keep[1 * 8 + 2]);
        assertEquals(1, keep[1 * 8 + 6]);
        assertEquals(0.5, Mask.half(6, 8, Mask.Side.LEFT).observedFraction(), 1e-12);
        assertEquals(0, Mask.half(6, 8, Mask.Side.BOTTOM).keep()[47]);
        Mask random = Mask.randomPixels(64, 64, 0.3, new NoiseSource(1));
        // binomial: sd of the observed share = √(0.3·0.7/4096) ≈ 0.007; allow 4 sd
        assertEquals(0.7, random.observedFraction(), 0.03);
        Mask user = Mask.of(new float[] {0.9f, 0.1f, 1f, 0f}, new Shape(2, 2));
        assertArrayEquals(new double[] {1, 0, 1, 0}, user.keep());
        NDArray masked = user.apply(manager.ones(new Shape(3, 2, 2, 2)));
        assertEquals(12, masked.sum().getFloat(), 1e-6);
    }

    @Test
    void badInputGivesOneLineErrors() {
        Shape image = new Shape(1, 1, 28, 28);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mask.centerBox(32, 32).measurementShape(image));
        assertTrue(e.getMessage().contains("mask size 32×32 does not match the image 28×28"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DownSample(3, DownSample.Upsampling.BICUBIC).measurementShape(image));
        assertTrue(e.getMessage().contains("factor 3 does not divide the image size 28×28"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Measurement.checkSigmaY(-0.1));
        assertTrue(e.getMessage().startsWith("σ_y must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mask.of(new float[] {2f}, new Shape(1, 1)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianBlur(4, 1));
        assertThrows(IllegalArgumentException.class, () -> Mask.box(8, 8, 6, 6, 4, 4));
        for (Throwable t : List.of(e)) {
            assertTrue(!t.getMessage().contains("\n"));
        }
    }

    @Test
    void simulatedNoiseLivesOnTheMeasuredPixelsOnly() {
        Mask m = Mask.half(8, 8, Mask.Side.RIGHT);
        NDArray x = manager.zeros(new Shape(4, 1, 8, 8), DataType.FLOAT64);
        Measurement y = Measurement.simulate(m, x, 0.5, new NoiseSource(9));
        assertEquals(0, m.apply(y.y()).sub(y.y()).abs().max().getDouble(), 0);
        // 128 observed noise values of sd 0.5: sample sd within 4·0.5/√256 of 0.5
        double sd = Math.sqrt(y.y().square().sum().getDouble() / 128);
        assertEquals(0.5, sd, 0.125);
    }
}
