package io.diffusion4j.app.mimo.estimation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.app.mimo.AnnealedLangevin;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;

/**
 * Channel estimation by posterior sampling with a score model of p(H) (Arvinte &amp; Tamir, IEEE TWC 2022, Algorithm 1):
 * in the prior's standardised coordinates z = (h − μ)/s, where the measurement reads y − Bμ = B·diag(s)·z + n, annealed
 * Langevin dynamics over levels σ_1 &gt; … &gt; σ_L take steps
 * z ← z + α_l·[∇log p_σl(z) + B_zᵀ(y_z − B_z z)/(σ² + σ_l²·λ̄)] + √(2α_l)·ξ with α_l = ε·σ_l²/σ_L², where the
 * annealed likelihood's covariance σ²I + σ_l²B_zB_zᵀ is replaced by its mean diagonal (λ̄ = tr(B_zB_zᵀ)/m; exact for
 * orthogonal pilots and equal entry powers). The prior score at σ_l is the denoiser's −ε̂/σ_l at the level whose
 * x_t = α·z̃ has σ/α = σ_l. A last step z ← z + σ_L²·(score) is Tweedie's denoising of the final state. The estimate
 * is the mean of {@code chains} independent posterior samples (one sample's squared error is twice the posterior
 * variance; K averaged give (1 + 1/K) times it).
 */
public final class ScorePosteriorEstimator implements ChannelEstimator {
    private final Denoiser prior;
    private final Normalization normalization;
    private final NoiseLevel[] levels;
    private final AnnealedLangevin settings;
    private final double[][] b;
    private final NDManager manager;

    /**
     * @param prior         denoiser over the standardised channel vectors
     * @param normalization the standardisation the prior was trained under
     * @param levels        one noise level per annealing level, noisiest first (see {@link #scheduleLevels})
     * @param settings      ε, steps per level and chains (its σ_1, σ_L chose the levels)
     * @param b             the measurement matrix ({@link PilotMatrix#measurement})
     * @param manager       where the working arrays live
     */
    public ScorePosteriorEstimator(Denoiser prior, Normalization normalization, NoiseLevel[] levels, AnnealedLangevin settings,
                                   double[][] b, NDManager manager) {
        if (normalization.mean().length != b[0].length) {
            throw new IllegalArgumentException("the channel prior is over " + normalization.mean().length
                    + " numbers but this channel has " + b[0].length + " (2·N_R·N_T); train the prior on the same --nr and --nt");
        }
        this.prior = prior;
        this.normalization = normalization;
        this.levels = levels.clone();
        this.settings = settings;
        this.b = b;
        this.manager = manager;
    }

    /** σ/α of a level: the noise scale of z̃ = x_t/α. */
    static double noiseScale(NoiseLevel level) {
        return level.sigma() / level.alpha();
    }

    /** For a closed-form prior: the variance-preserving level with σ/α = σ_l for each σ_l. */
    public static NoiseLevel[] exactLevels(double[] sigmas) {
        NoiseLevel[] out = new NoiseLevel[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            double r = Math.sqrt(1 + sigmas[i] * sigmas[i]);
            out[i] = new NoiseLevel(1 / r, sigmas[i] / r, 0);
        }
        return out;
    }

    /** For a trained discrete-time prior: for each σ_l the timestep t in 1..T whose σ_t/α_t is nearest in log. */
    public static NoiseLevel[] scheduleLevels(Schedule schedule, double[] sigmas) {
        NoiseLevel[] out = new NoiseLevel[sigmas.length];
        for (int i = 0; i < sigmas.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int t = 1; t <= schedule.T(); t++) {
                NoiseLevel l = schedule.level(t);
                double gap = Math.abs(Math.log(noiseScale(l) / sigmas[i]));
                if (gap < best) {
                    best = gap;
                    out[i] = l;
                }
            }
        }
        return out;
    }

    @Override
    public String id() {
        return "diffusion";
    }

    @Override
    public double[][] estimate(double[][] y, double noiseVariance, NoiseSource noise) {
        int n = y.length;
        int d = b[0].length;
        int m = b.length;
        double[] std = normalization.std();
        double[] bmu = Matrices.multiply(b, normalization.mean());
        float[] bz = new float[m * d];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double v = b[i][j] * std[j];
                bz[i * d + j] = (float) v;
                trace += v * v;
            }
        }
        double lambda = trace / m;
        float[] yz = new float[n * m];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < m; i++) {
                yz[r * m + i] = (float) (y[r][i] - bmu[i]);
            }
        }
        double last = noiseScale(levels[levels.length - 1]);
        try (NDManager mm = manager.newSubManager()) {
            NDArray bzm = mm.create(bz, new Shape(m, d));
            NDArray yzm = mm.create(yz, new Shape(n, m));
            final NDArray sum = mm.zeros(new Shape(n, d));
            for (int c = 0; c < settings.chains(); c++) {
                NoiseSource chain = noise.fork(c);
                NDArray z = chain.normal(mm, new Shape(n, d)).mul(Math.sqrt(1 + Math.pow(noiseScale(levels[0]), 2)));
                for (NoiseLevel level : levels) {
                    double sl = noiseScale(level);
                    double step = settings.epsilon() * sl * sl / (last * last);
                    double likVar = noiseVariance + sl * sl * lambda;
                    for (int k = 0; k < settings.stepsPerLevel(); k++) {
                        z = scoped(z, mm, zz -> zz.add(drift(zz, level, bzm, yzm, likVar).mul(step))
                                .add(chain.normal(zz.getManager(), zz.getShape()).mul(Math.sqrt(2 * step))));
                    }
                }
                NoiseLevel end = levels[levels.length - 1];
                z = scoped(z, mm, zz -> zz.add(drift(zz, end, bzm, yzm, noiseVariance + last * last * lambda).mul(last * last)));
                sum.addi(z);
            }
            float[] mean = sum.div(settings.chains()).toFloatArray();
            double[][] out = new double[n][d];
            double[] mu = normalization.mean();
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    out[r][j] = mu[j] + std[j] * mean[r * d + j];
                }
            }
            return out;
        }
    }

    /** ∇log p_σ(z̃) + B_zᵀ(y_z − B_z z̃)/v: the prior score from the denoiser plus the annealed likelihood score. */
    private NDArray drift(NDArray z, NoiseLevel level, NDArray bz, NDArray yz, double likVar) {
        NDArray eps = prior.predict(z.mul(level.alpha()), level).eps();
        NDArray score = eps.div(-noiseScale(level));
        NDArray residual = yz.sub(z.matMul(bz.transpose()));
        return score.add(residual.matMul(bz).div(likVar));
    }

    /** Runs one update in a sub-manager of {@code parent} and keeps only its result. */
    private static NDArray scoped(NDArray z, NDManager parent, java.util.function.UnaryOperator<NDArray> update) {
        try (NDManager sm = parent.newSubManager()) {
            z.attach(sm);
            NDArray next = update.apply(z);
            next.attach(parent);
            return next;
        }
    }
}
