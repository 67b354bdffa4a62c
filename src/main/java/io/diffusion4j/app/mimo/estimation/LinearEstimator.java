package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.linalg.Cholesky;
import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.noise.NoiseSource;

/**
 * The linear estimators ĥ = m + G·(y − B·m):
 * <ul>
 *   <li>least squares, m = 0 and G = (BᵀB)⁻¹Bᵀ (i.e. Ĥ = Y·Pᴴ(P·Pᴴ)⁻¹), which needs at least N_T pilots;</li>
 *   <li>LMMSE for a channel of mean m and covariance C, G = C·Bᵀ(B·C·Bᵀ + σ²I)⁻¹ (Kay, Fundamentals of Statistical
 *       Signal Processing I, 1993, Theorem 12.1): the MMSE estimate when H is Gaussian, the best linear one
 *       otherwise.</li>
 * </ul>
 */
public final class LinearEstimator implements ChannelEstimator {
    private final String id;
    private final double[][] b;
    private final double[] mean;
    private final double[][] covariance;
    private double cachedVariance = Double.NaN;
    private double[][] gain;

    private LinearEstimator(String id, double[][] b, double[] mean, double[][] covariance) {
        this.id = id;
        this.b = b;
        this.mean = mean;
        this.covariance = covariance;
    }

    /** Least squares for the measurement matrix B; refused when BᵀB is singular (fewer pilots than N_T). */
    public static LinearEstimator leastSquares(double[][] b) {
        int d = b[0].length;
        if (b.length < d) {
            throw new IllegalArgumentException("least squares needs at least as many pilots as transmit antennas; "
                    + "drop ls from --estimators or raise --pilots");
        }
        LinearEstimator e = new LinearEstimator("ls", b, new double[d], null);
        e.gain = Matrices.multiply(new Cholesky(Matrices.gram(b), 0).inverse(), Matrices.transpose(b));
        return e;
    }

    /** LMMSE with the channel's mean and covariance (of the {@link ChannelVector} layout). */
    public static LinearEstimator lmmse(double[][] b, ChannelStatistics prior) {
        return new LinearEstimator("lmmse", b, prior.mean(), prior.covariance());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public double[][] estimate(double[][] y, double noiseVariance, NoiseSource noise) {
        double[][] g = gain(noiseVariance);
        double[] bm = Matrices.multiply(b, mean);
        double[][] out = new double[y.length][];
        for (int r = 0; r < y.length; r++) {
            double[] innovation = y[r].clone();
            for (int i = 0; i < innovation.length; i++) {
                innovation[i] -= bm[i];
            }
            double[] h = Matrices.multiply(g, innovation);
            for (int i = 0; i < h.length; i++) {
                h[i] += mean[i];
            }
            out[r] = h;
        }
        return out;
    }

    private synchronized double[][] gain(double noiseVariance) {
        if (covariance == null || noiseVariance == cachedVariance) {
            return gain;
        }
        double[][] cbt = Matrices.multiply(covariance, Matrices.transpose(b)); // d×m
        double[][] s = Matrices.multiply(b, cbt); // m×m
        for (int i = 0; i < s.length; i++) {
            s[i][i] += noiseVariance;
        }
        gain = Matrices.multiply(cbt, new Cholesky(s, 0).inverse());
        cachedVariance = noiseVariance;
        return gain;
    }
}
