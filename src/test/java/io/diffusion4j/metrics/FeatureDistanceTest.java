package io.diffusion4j.metrics;

import io.diffusion4j.data.Points;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FeatureDistanceTest {

    /** Pairwise Euclidean distances of rows: (3, 4) vs (0, 0) is 5, identical rows 0. */
    @Test
    void euclideanDistanceOfPairedRows() {
        Points a = new Points(2, 2, new float[] {3, 4, 1, 1});
        Points b = new Points(2, 2, new float[] {0, 0, 1, 1});
        assertArrayEquals(new double[] {5, 0}, FeatureDistance.perImage(a, b), 1e-12);
        assertEquals(2.5, FeatureDistance.mean(a, b), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> FeatureDistance.mean(a, new Points(1, 2, new float[2])));
    }
}
