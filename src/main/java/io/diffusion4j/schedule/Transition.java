package io.diffusion4j.schedule;

/**
 * The Gaussian transition between two noise levels, from the noisier x_t back to the less noisy x_s (s &lt; t), in the
 * notation of Kingma et al. 2021 (VDM, appendix A): α_{t|s} = α_t/α_s, σ²_{t|s} = σ_t² − α²_{t|s}·σ_s². For adjacent
 * indices of a variance-preserving schedule α²_{t|s} = α_t and σ²_{t|s} = β_t (Ho et al. 2020). The posterior
 * q(x_s | x_t, x₀) = N(coefX0·x₀ + coefXt·x_t, posteriorVariance) holds for any grid (skipped steps, SDE levels).
 */
public record Transition(NoiseLevel from, NoiseLevel to) {

    public Transition {
        if (to.sigma() > from.sigma()) {
            throw new IllegalArgumentException("a reverse transition must go to less noise: σ " + from.sigma() + " → " + to.sigma());
        }
    }

    public static Transition between(NoiseLevel from, NoiseLevel to) {
        return new Transition(from, to);
    }

    /** α_{t|s} = α_t / α_s; for adjacent VP indices √α_t. */
    public double alphaTS() {
        return from.alpha() / to.alpha();
    }

    /** σ²_{t|s} = σ_t² − α²_{t|s}σ_s², the forward variance of the step (β_t for adjacent VP indices). */
    public double stepVariance() {
        double a = alphaTS();
        return Math.max(0, from.sigma() * from.sigma() - a * a * to.sigma() * to.sigma());
    }

    /** The posterior variance σ²_{t|s}·σ_s²/σ_t² (β̃_t of Ho et al. 2020, eq. 7). */
    public double posteriorVariance() {
        double st2 = from.sigma() * from.sigma();
        return st2 == 0 ? 0 : stepVariance() * to.sigma() * to.sigma() / st2;
    }

    /** Coefficient of x₀ in the posterior mean: α_s·σ²_{t|s}/σ_t² (= √ᾱ_{t−1}β_t/(1−ᾱ_t), Ho et al. eq. 7). */
    public double coefX0() {
        double st2 = from.sigma() * from.sigma();
        return st2 == 0 ? 1 : to.alpha() * stepVariance() / st2;
    }

    /** Coefficient of x_t in the posterior mean: α_{t|s}·σ_s²/σ_t² (= √α_t(1−ᾱ_{t−1})/(1−ᾱ_t), Ho et al. eq. 7). */
    public double coefXt() {
        double st2 = from.sigma() * from.sigma();
        return st2 == 0 ? 0 : alphaTS() * to.sigma() * to.sigma() / st2;
    }

    /** Coefficient of x_t in the ε-form of the posterior mean: 1/α_{t|s} (Ho et al. 2020, eq. 11). */
    public double epsFormCoefXt() {
        return 1 / alphaTS();
    }

    /** Coefficient of ε in the ε-form of the posterior mean: −σ²_{t|s}/(α_{t|s}·σ_t) (Ho et al. 2020, eq. 11). */
    public double epsFormCoefEps() {
        return -stepVariance() / (alphaTS() * from.sigma());
    }
}
