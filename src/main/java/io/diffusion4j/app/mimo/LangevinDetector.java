package io.diffusion4j.app.mimo;

import io.diffusion4j.noise.NoiseSource;

/**
 * The annealed Langevin detector (Zilberstein, Dick, Doost-Mohammadi, Veeraraghavan &amp; Segarra, "Annealed Langevin
 * Dynamics for Massive MIMO Detection", IEEE TWC 2023, Algorithm 1), following SNIPS (Kawar, Vaksman &amp; Elad 2021)
 * for the likelihood. In the SVD basis H = U·diag(s)·Vᵀ, with z = Vᵀx and ȳ = Uᵀy, the annealed variable
 * x̃ = x + σ_l·w sees, per spectral coordinate j, ȳ_j = s_j·z̃_j + noise of variance |σ_0² − s_j²σ_l²|. Each
 * coordinate moves by a preconditioned Langevin step z_j ← z_j + (ε/σ_L²)·A_j·g_j + √(2ε/σ_L²·A_j)·ξ with
 * <ul>
 *   <li>s_jσ_l &gt; σ_0 (the measurement is sharper than the level): A_j = σ_l² − σ_0²/s_j² and g_j the likelihood
 *       score s_j(ȳ_j − s_j z_j)/(s_j²σ_l² − σ_0²), so A_j·g_j = ȳ_j/s_j − z_j;</li>
 *   <li>otherwise: A_j = σ_l²(1 − s_j²σ_l²/σ_0²) and g_j = s_j(ȳ_j − s_j z_j)/(σ_0² − s_j²σ_l²) + [Vᵀ∇log p_σl(Vz)]_j,
 *       the likelihood score plus the exact score of the σ_l-smoothed QAM prior ({@link SmoothedQamPrior}) rotated
 *       into the spectral basis, so A_j·g_j = (σ_l²/σ_0²)·s_j(ȳ_j − s_j z_j) + A_j·[prior]_j stays finite.</li>
 * </ul>
 * A_j is proportional to σ_l², so the step is ε·σ_l²/σ_L² up to the position-dependent factor. Chains start uniform
 * in [−1, 1]^{2N_T}; after the last level each chain's x = Vz is sliced and the chain whose hard decision has the
 * smallest residual ‖y − H·x̂‖² is returned.
 */
public record LangevinDetector(Qam qam, AnnealedLangevin settings) implements Detector {

    @Override
    public String id() {
        return "ald";
    }

    @Override
    public int[] detect(Observation o, NoiseSource noise) {
        SvdBasis svd = SvdBasis.of(o.h(), o.y());
        SmoothedQamPrior prior = new SmoothedQamPrior(qam);
        int[] best = null;
        double bestResidual = Double.POSITIVE_INFINITY;
        for (int c = 0; c < settings.chains(); c++) {
            int[] d = qam.slice(svd.toSignal(chain(svd, prior, Math.sqrt(o.noiseVariance()), noise.fork(c))));
            double r = o.residual(qam.amplitudes(d));
            if (r < bestResidual) {
                bestResidual = r;
                best = d;
            }
        }
        return best;
    }

    /** One chain through all levels; returns the final spectral coordinates z. */
    double[] chain(SvdBasis svd, SmoothedQamPrior prior, double sigma0, NoiseSource noise) {
        int n = svd.s().length;
        double[] s = svd.s();
        double[] yBar = svd.yBar();
        double[] x0 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = 2 * noise.nextDouble() - 1;
        }
        double[] z = svd.toSpectral(x0);
        double[] gx = new double[n];
        double[] a = new double[n];
        double[] lik = new double[n]; // A_j·(likelihood score)_j without the z-dependence folded in: coefficients
        boolean[] sharp = new boolean[n];
        double s02 = sigma0 * sigma0;
        double step = settings.epsilon() / (settings.sigmaLast() * settings.sigmaLast());
        for (double sl : settings.sigmas()) {
            double sl2 = sl * sl;
            for (int j = 0; j < n; j++) {
                sharp[j] = s[j] * sl > sigma0;
                a[j] = sharp[j] ? sl2 - s02 / (s[j] * s[j]) : sl2 * (1 - s[j] * s[j] * sl2 / s02);
                lik[j] = sharp[j] ? 0 : sl2 / s02 * s[j];
            }
            for (int t = 0; t < settings.stepsPerLevel(); t++) {
                double[] x = svd.toSignal(z);
                prior.score(x, sl, gx);
                double[] gz = svd.toSpectral(gx);
                for (int j = 0; j < n; j++) {
                    double drift = sharp[j] ? yBar[j] / s[j] - z[j] : lik[j] * (yBar[j] - s[j] * z[j]) + a[j] * gz[j];
                    z[j] += step * drift + Math.sqrt(2 * step * a[j]) * noise.nextGaussian();
                }
            }
        }
        return z;
    }
}
