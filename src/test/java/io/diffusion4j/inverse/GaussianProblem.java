package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.data.Points;
import io.diffusion4j.metrics.Moments;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;

/**
 * A linear inverse problem with an exact answer: x₀ ~ N(μ, Σ) on 4×4 one-channel "images" (d = 16) with a
 * smooth exponential covariance over pixel positions, one hidden truth, y = A·x + σ_y·n, and p(x₀ | y) from
 * {@link GaussianPosterior}. The prior denoiser is the exact {@link MixtureOracle}; everything runs in float64 (the
 * oracle is differentiable only there). Sample moments are compared with the posterior's and with their
 * Monte-Carlo floor at the same n.
 */
public final class GaussianProblem {
    public static final Shape IMAGE = new Shape(1, 4, 4);
    public static final int D = 16;

    public final GaussianMixture prior;
    public final MixtureOracle oracle;
    public final Measurement measurement;
    public final GaussianMixture posterior;
    private final NDManager manager;

    /** The measurement y is replicated over a batch of n so that every sample sees the same y. */
    public GaussianProblem(NDManager manager, MeasurementOperator op, double sigmaY, int n, long seed) {
        this.manager = manager;
        this.prior = prior();
        this.oracle = new MixtureOracle(prior);
        NoiseSource noise = new NoiseSource(seed);
        NDArray truth = prior.sample(1, noise.fork(1)).toNDArray(manager).toType(DataType.FLOAT64, false)
                .reshape(new Shape(1).addAll(IMAGE));
        Measurement one = Measurement.simulate(op, truth, sigmaY, noise.fork(2));
        double[] y = one.y().toDoubleArray();
        NDArray batch = one.y().repeat(0, n);
        this.measurement = new Measurement(op, batch, sigmaY);
        this.posterior = GaussianPosterior.posterior(prior, GaussianPosterior.matrix(op, IMAGE, manager), sigmaY, y);
    }

    public static GaussianMixture prior() {
        double[] mu = new double[D];
        double[][] cov = new double[D][D];
        for (int i = 0; i < D; i++) {
            mu[i] = 0.3 * Math.sin(i);
            for (int j = 0; j < D; j++) {
                double dist = Math.hypot(i / 4 - j / 4, i % 4 - j % 4);
                cov[i][j] = 0.8 * Math.exp(-dist / 1.5) + (i == j ? 0.05 : 0);
            }
        }
        return GaussianMixture.gaussian(mu, cov);
    }

    /** n samples from {@code sampler} with {@code model}, started from N(0, I) at the grid's first level. */
    public Points sample(Sampler sampler, Denoiser model, TimeGrid grid, int n, long seed) {
        try (NDManager m = manager.newSubManager()) {
            NoiseSource noise = new NoiseSource(seed);
            NDArray xT = noise.normal(m, new Shape(n).addAll(IMAGE)).toType(DataType.FLOAT64, false);
            NDArray x = sampler.sample(model, grid, xT, noise.fork(7), StepListener.NONE);
            return Points.of(x.reshape(n, D));
        }
    }

    /** ‖mean − μ_post‖ and ‖cov − Σ_post‖_F of the samples against {@code target}. */
    public static double[] errors(Points p, GaussianMixture target) {
        double[] m = Moments.mean(p);
        double[][] c = Moments.covariance(p);
        double[] mu = target.mean();
        double[][] s = target.covariance();
        double me = 0;
        double ce = 0;
        for (int i = 0; i < D; i++) {
            me += (m[i] - mu[i]) * (m[i] - mu[i]);
            for (int j = 0; j < D; j++) {
                ce += (c[i][j] - s[i][j]) * (c[i][j] - s[i][j]);
            }
        }
        return new double[] {Math.sqrt(me), Math.sqrt(ce)};
    }

    /**
     * The root-mean-square Monte-Carlo error of n exact draws from {@code target}: √(tr Σ/n) for the mean and
     * √((‖Σ‖²_F + (tr Σ)²)/n) for the sample covariance (Gaussian fourth moments).
     */
    public static double[] floors(GaussianMixture target, int n) {
        double[][] s = target.covariance();
        double tr = 0;
        double fro = 0;
        for (int i = 0; i < D; i++) {
            tr += s[i][i];
            for (int j = 0; j < D; j++) {
                fro += s[i][j] * s[i][j];
            }
        }
        return new double[] {Math.sqrt(tr / n), Math.sqrt((fro + tr * tr) / n)};
    }
}
