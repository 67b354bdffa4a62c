package io.diffusion4j.app.mimo;

/**
 * What a detector sees: the real-valued channel H (2N_R × 2N_T), y = Hx + n (2N_R) and the noise variance σ² per
 * real dimension.
 */
public record Observation(double[][] h, double[] y, double noiseVariance) {

    /** 2N_T, the real unknowns. */
    public int unknowns() {
        return h[0].length;
    }

    /** ‖y − H·x‖². */
    public double residual(double[] x) {
        return io.diffusion4j.linalg.Matrices.squaredDistance(y, io.diffusion4j.linalg.Matrices.multiply(h, x));
    }
}
