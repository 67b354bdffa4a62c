package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrechetDistanceTest {

    /** 1-D: d² = (m₁ − m₂)² + (s₁ − s₂)². */
    @Test
    void oneDimensionalClosedForm() {
        var a = new FrechetDistance.Fit(new double[] {1.5}, new double[][] {{4}});
        var b = new FrechetDistance.Fit(new double[] {-0.5}, new double[][] {{0.25}});
        assertEquals(4 + 1.5 * 1.5, FrechetDistance.squared(a, b), 1e-12);
    }

    /**
     * 2×2 non-commuting covariances: for a 2×2 PSD matrix M, tr √M = √(tr M + 2√det M); with M = Σ₁^{1/2}Σ₂Σ₁^{1/2},
     * tr M = tr(Σ₁Σ₂) and det M = det Σ₁·det Σ₂, an oracle that never takes a matrix root.
     */
    @Test
    void twoDimensionalClosedForm() {
        double[][] s1 = {{2, 0.7}, {0.7, 1}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3}};
        double trProd = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double expected = 1 * 1 + 2 * 2 + 3 + 3.5 - 2 * Math.sqrt(trProd + 2 * Math.sqrt(det));
        var a = new FrechetDistance.Fit(new double[] {0, 0}, s1);
        var b = new FrechetDistance.Fit(new double[] {1, -2}, s2);
        assertEquals(expected, FrechetDistance.squared(a, b), 1e-10);
        assertEquals(expected, FrechetDistance.squared(b, a), 1e-10); // symmetric
    }

    @Test
    void aSetIsAtDistanceZeroFromItself() {
        NoiseSource noise = new NoiseSource(4);
        int n = 400;
        int d = 12;
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (noise.nextGaussian() * (1 + i % d));
        }
        Points p = new Points(n, d, v);
        assertEquals(0, FrechetDistance.squared(p, p), 1e-8); // eigen round-off on O(100) traces
    }
}
