package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Cholesky;
import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;

/**
 * The Kronecker-correlated channel H = R_r^{1/2}·G·(R_t^{1/2})ᵀ with G i.i.d. CN(0, 1) and exponential correlation
 * [R]_ij = ρ^|i−j| at both ends (Loyka, IEEE Commun. Lett. 2001), so vec(H) ~ CN(0, R_t ⊗ R_r); the square roots are
 * Cholesky factors. Unit diagonals keep E|h_ij|² = 1.
 *
 * @param rho correlation between neighbouring antennas, 0 ≤ ρ &lt; 1
 */
public record KroneckerChannel(double rho) implements ChannelModel {

    public KroneckerChannel {
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("--rho must be in [0, 1), got " + rho);
        }
    }

    /** [R]_ij = ρ^|i−j|. */
    public static double[][] exponential(int n, double rho) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                r[i][j] = Math.pow(rho, Math.abs(i - j));
            }
        }
        return r;
    }

    @Override
    public ComplexMatrix draw(int nr, int nt, NoiseSource noise) {
        ComplexMatrix g = ChannelModel.gaussian(nr, nt, noise);
        double[][] lr = new Cholesky(exponential(nr, rho), 0).factor();
        double[][] ltT = Matrices.transpose(new Cholesky(exponential(nt, rho), 0).factor());
        return new ComplexMatrix(Matrices.multiply(Matrices.multiply(lr, g.re()), ltT),
                Matrices.multiply(Matrices.multiply(lr, g.im()), ltT));
    }

    @Override
    public String id() {
        return "kronecker-" + rho;
    }
}
