package io.diffusion4j.app.mimo;

import io.diffusion4j.noise.NoiseSource;

/**
 * A clustered geometric channel on half-wavelength uniform linear arrays (the Saleh–Valenzuela-style model of
 * mmWave and massive-MIMO studies): H = (C·P)^{-1/2} Σ_c Σ_p α_cp · a_r(θ_cp)·a_t(φ_cp)ᴴ with C clusters of P rays,
 * gains α_cp ~ CN(0, 1), cluster angles of arrival and departure uniform in [−π/2, π/2), ray angles Gaussian about
 * them with standard deviation {@code spread} (radians), and steering vectors [a(θ)]_k = e^{jπk·sin θ}. Then
 * E|h_ij|² = 1, and H has rank at most C·P.
 *
 * @param clusters C
 * @param rays     P rays per cluster
 * @param spread   angular spread (radians) of the rays about their cluster
 */
public record GeometricChannel(int clusters, int rays, double spread) implements ChannelModel {

    public GeometricChannel {
        if (clusters < 1 || rays < 1 || !(spread >= 0)) {
            throw new IllegalArgumentException("a geometric channel needs clusters, rays >= 1 and a spread >= 0");
        }
    }

    /** Three clusters of four rays with 5° spread. */
    public static GeometricChannel defaults() {
        return new GeometricChannel(3, 4, Math.toRadians(5));
    }

    @Override
    public ComplexMatrix draw(int nr, int nt, NoiseSource noise) {
        double[][] re = new double[nr][nt];
        double[][] im = new double[nr][nt];
        double norm = 1 / Math.sqrt(clusters * rays);
        for (int c = 0; c < clusters; c++) {
            double aoa = Math.PI * (noise.nextDouble() - 0.5);
            double aod = Math.PI * (noise.nextDouble() - 0.5);
            for (int p = 0; p < rays; p++) {
                double sinR = Math.sin(aoa + spread * noise.nextGaussian());
                double sinT = Math.sin(aod + spread * noise.nextGaussian());
                double gr = norm * Math.sqrt(0.5) * noise.nextGaussian();
                double gi = norm * Math.sqrt(0.5) * noise.nextGaussian();
                for (int i = 0; i < nr; i++) {
                    for (int j = 0; j < nt; j++) {
                        double phase = Math.PI * (i * sinR - j * sinT); // a_r[i]·conj(a_t[j])
                        double cr = Math.cos(phase);
                        double ci = Math.sin(phase);
                        re[i][j] += gr * cr - gi * ci;
                        im[i][j] += gr * ci + gi * cr;
                    }
                }
            }
        }
        return new ComplexMatrix(re, im);
    }

    @Override
    public String id() {
        return "geometric";
    }
}
