package io.diffusion4j.app.mimo;

/**
 * The settings of the annealed Langevin detector: L noise levels σ_1 &gt; … &gt; σ_L in geometric progression, T
 * Langevin steps at each, base step ε (the step at level l is ε·σ_l²/σ_L²), and the number of independent chains.
 * The paper's code uses σ_1 = 1, σ_L = 0.01, L = 25, T = 70, ε = 3·10⁻⁵ and 20 chains; {@link #defaults()} spends
 * fewer steps (see docs/mimo.md for SER against T).
 */
public record AnnealedLangevin(double sigmaFirst, double sigmaLast, int levels, int stepsPerLevel, double epsilon, int chains) {

    public AnnealedLangevin {
        if (!(sigmaFirst > sigmaLast && sigmaLast > 0) || levels < 2 || stepsPerLevel < 1 || !(epsilon > 0) || chains < 1) {
            throw new IllegalArgumentException("annealed Langevin needs sigma_1 > sigma_L > 0, at least 2 levels, "
                    + "steps and chains >= 1 and epsilon > 0");
        }
        if (epsilon >= sigmaLast * sigmaLast) {
            throw new IllegalArgumentException("epsilon must be below sigma_L^2 = " + sigmaLast * sigmaLast + " for a stable last level");
        }
    }

    /** σ_1 = 1, σ_L = 0.01, L = 20, T = 10, ε = 3·10⁻⁵, 4 chains. */
    public static AnnealedLangevin defaults() {
        return new AnnealedLangevin(1, 0.01, 20, 10, 3e-5, 4);
    }

    public AnnealedLangevin withSteps(int t) {
        return new AnnealedLangevin(sigmaFirst, sigmaLast, levels, t, epsilon, chains);
    }

    public AnnealedLangevin withChains(int c) {
        return new AnnealedLangevin(sigmaFirst, sigmaLast, levels, stepsPerLevel, epsilon, c);
    }

    /** σ_l = σ_1·(σ_L/σ_1)^{(l−1)/(L−1)}, l = 1…L. */
    public double[] sigmas() {
        double[] s = new double[levels];
        for (int l = 0; l < levels; l++) {
            s[l] = sigmaFirst * Math.pow(sigmaLast / sigmaFirst, (double) l / (levels - 1));
        }
        return s;
    }
}
