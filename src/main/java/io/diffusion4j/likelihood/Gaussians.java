package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The Gaussian densities of the variational bound, element by element (callers sum per sample), in nats:
 * the KL divergence between two diagonal Gaussians (Ho et al. 2020, eq. 5 terms), the continuous Gaussian negative
 * log-density, and the discretised Gaussian of Ho et al. 2020 §3.3 (eq. 13) for 8-bit data scaled to [−1, 1].
 * Inputs broadcast; pass float64 arrays for the precision the small-t terms need.
 */
public final class Gaussians {
    /** Half the width of one of the 256 bins on [−1, 1]. */
    static final double HALF_BIN = 1.0 / 255;
    /** Probability floor of a bin, as in Ho et al.'s and Nichol &amp; Dhariwal's code (bounds one dimension at 27.6 nats). */
    static final double MIN_PROB = 1e-12;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private Gaussians() {
    }

    /** KL(N(mean1, e^logVar1) ‖ N(mean2, e^logVar2)) = ½(−1 + logVar2 − logVar1 + e^(logVar1−logVar2) + (mean1−mean2)²e^(−logVar2)). */
    public static NDArray kl(NDArray mean1, NDArray logVar1, NDArray mean2, NDArray logVar2) {
        return logVar2.sub(logVar1).add(logVar1.sub(logVar2).exp()).sub(1)
                .add(mean1.sub(mean2).square().mul(logVar2.neg().exp()))
                .mul(0.5);
    }

    /** KL(N(mean, σ²) ‖ N(0, 1)) with a per-sample or scalar variance: ½(σ² + mean² − 1 − log σ²). */
    public static NDArray klToStandard(NDArray mean, double variance) {
        return mean.square().add(variance - 1 - Math.log(variance)).mul(0.5);
    }

    /** −log N(x; mean, e^logVar) = ½(log 2π + logVar + (x − mean)²e^(−logVar)). */
    public static NDArray nll(NDArray x, NDArray mean, NDArray logVar) {
        return x.sub(mean).square().mul(logVar.neg().exp()).add(logVar).add(LOG_2PI).mul(0.5);
    }

    /**
     * −log P(bin of x) under N(mean, e^logVar) discretised into 256 bins of width 2/255 centred on x ∈ [−1, 1], the
     * two edge bins extended to ±∞ (Ho et al. 2020, eq. 13). Tail probabilities use Φ(−a) rather than 1 − Φ(a),
     * and each probability is floored at 1e-12.
     */
    public static NDArray discretizedNll(NDArray x, NDArray mean, NDArray logVar) {
        NDArray invStd = logVar.mul(-0.5).exp();
        NDArray centred = x.sub(mean);
        NDArray upper = centred.add(HALF_BIN).mul(invStd);   // (x + 1/255 − mean)/σ
        NDArray lower = centred.sub(HALF_BIN).mul(invStd);   // (x − 1/255 − mean)/σ
        NDArray below = cdf(upper);                           // P(X ≤ upper edge)
        NDArray above = cdf(lower.neg());                     // P(X ≥ lower edge)
        // The mass between the edges, from the tail on the side away from the mean so neither term is near 1.
        NDArray mass = NDArrays.where(lower.gt(0), above.sub(cdf(upper.neg())), below.sub(cdf(lower)));
        NDArray prob = NDArrays.where(x.lt(-1 + HALF_BIN), below, NDArrays.where(x.gt(1 - HALF_BIN), above, mass));
        return prob.maximum(MIN_PROB).log().neg();
    }

    /** Φ(a) = ½(1 + erf(a/√2)). */
    static NDArray cdf(NDArray a) {
        return a.mul(Math.sqrt(0.5)).erf().add(1).mul(0.5);
    }
}
