package io.diffusion4j.app.mimo;

import io.diffusion4j.noise.NoiseSource;

/** A law of N_R × N_T complex channel matrices, every entry with E|h_ij|² = 1 (see {@link MimoPower}). */
public interface ChannelModel {

    /** One draw of H. */
    ComplexMatrix draw(int nr, int nt, NoiseSource noise);

    /** For reports: rayleigh, kronecker-0.7, geometric. */
    String id();

    /** rayleigh, kronecker (with correlation ρ) or geometric. */
    static ChannelModel parse(String s, double rho) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "rayleigh" -> new RayleighChannel();
            case "kronecker" -> new KroneckerChannel(rho);
            case "geometric" -> GeometricChannel.defaults();
            default -> throw new IllegalArgumentException("unknown channel '" + s + "'; choose rayleigh, kronecker or geometric");
        };
    }

    /** An N_R × N_T matrix of independent CN(0, 1) entries. */
    static ComplexMatrix gaussian(int nr, int nt, NoiseSource noise) {
        double[][] re = new double[nr][nt];
        double[][] im = new double[nr][nt];
        double s = Math.sqrt(0.5);
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nt; j++) {
                re[i][j] = s * noise.nextGaussian();
                im[i][j] = s * noise.nextGaussian();
            }
        }
        return new ComplexMatrix(re, im);
    }
}
