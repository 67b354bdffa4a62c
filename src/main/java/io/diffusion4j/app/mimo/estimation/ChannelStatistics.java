package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.KroneckerChannel;
import io.diffusion4j.noise.NoiseSource;

/**
 * Mean and covariance of vec(H) in the {@link ChannelVector} layout: in closed form for the Kronecker channel
 * (i.i.d. Rayleigh is ρ = 0), or the sample estimates from draws for any channel law.
 */
public record ChannelStatistics(double[] mean, double[][] covariance) {

    /**
     * vec(H) of H = R_r^{1/2}·G·(R_t^{1/2})ᵀ is CN(0, R_r ⊗ R_t) in row-major order; R real, so the real and imaginary
     * parts are independent with covariance ½·R_r ⊗ R_t each.
     */
    public static ChannelStatistics kronecker(int nr, int nt, double rho) {
        double[][] rr = KroneckerChannel.exponential(nr, rho);
        double[][] rt = KroneckerChannel.exponential(nt, rho);
        int n = nr * nt;
        double[][] c = new double[2 * n][2 * n];
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nt; j++) {
                for (int k = 0; k < nr; k++) {
                    for (int l = 0; l < nt; l++) {
                        double v = 0.5 * rr[i][k] * rt[j][l];
                        c[i * nt + j][k * nt + l] = v;
                        c[n + i * nt + j][n + k * nt + l] = v;
                    }
                }
            }
        }
        return new ChannelStatistics(new double[2 * n], c);
    }

    /** The sample mean and (unbiased) sample covariance of {@code draws} channels from {@code channel}. */
    public static ChannelStatistics sample(ChannelModel channel, int nr, int nt, int draws, NoiseSource noise) {
        if (draws < 2) {
            throw new IllegalArgumentException("a sample covariance needs at least 2 draws, got " + draws);
        }
        int d = 2 * nr * nt;
        double[] m = new double[d];
        double[][] c = new double[d][d];
        double[][] rows = new double[draws][];
        for (int k = 0; k < draws; k++) {
            rows[k] = ChannelVector.of(channel.draw(nr, nt, noise.fork(k)));
            for (int i = 0; i < d; i++) {
                m[i] += rows[k][i] / draws;
            }
        }
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double di = r[i] - m[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += di * (r[j] - m[j]) / (draws - 1);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = c[j][i];
            }
        }
        return new ChannelStatistics(m, c);
    }
}
