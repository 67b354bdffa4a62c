package io.diffusion4j.linalg;

import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CholeskyTest {

    @Test
    void factorReproducesTheMatrix() {
        int n = 30;
        NoiseSource noise = new NoiseSource(9);
        double[][] b = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = noise.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
            a[i][i] += 0.1;
        }
        double[][] l = new Cholesky(a, 0).factor();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += l[i][k] * l[j][k];
                }
                assertEquals(a[i][j], s, 1e-9);
                if (j > i) {
                    assertEquals(0, l[i][j]);
                }
            }
        }
    }

    @Test
    void jitterRescuesASemiDefiniteMatrixAndIsNeededForIt() {
        double[][] a = {{1, 1}, {1, 1}};
        assertThrows(IllegalArgumentException.class, () -> new Cholesky(a, 0));
        assertEquals(Math.sqrt(1 + 1e-4), new Cholesky(a, 1e-4).factor()[0][0], 1e-12);
    }
}
