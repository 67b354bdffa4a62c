package io.diffusion4j.likelihood;

import ai.djl.ndarray.NDArray;

import io.diffusion4j.naming.Names;

/**
 * The last reverse step p_θ(x₀ | x₁) of the variational bound, the term L₀ (Ho et al. 2020, §3.3): for 8-bit images
 * scaled to [−1, 1], a Gaussian discretised into 256 bins (eq. 13), which makes the bound a code length in bits;
 * for continuous low-dimensional data a Gaussian density, which makes it a bound on a differential entropy.
 */
public enum Decoder {
    /** N(μ_θ(x₁, 1), σ₁²) integrated over the 256 bins of width 2/255 on [−1, 1] (Ho et al. 2020, eq. 13). */
    DISCRETIZED_8BIT("discretized-gaussian-8bit") {
        @Override
        public NDArray nll(NDArray x0, NDArray mean, NDArray logVar) {
            return Gaussians.discretizedNll(x0, mean, logVar);
        }

        @Override
        public void check(NDArray x0) {
            float lo = x0.min().getFloat();
            float hi = x0.max().getFloat();
            if (lo < -1 - 1e-4 || hi > 1 + 1e-4) {
                throw new IllegalArgumentException("the 8-bit decoder needs data scaled to [-1, 1], got values in ["
                        + lo + ", " + hi + "]; use the gaussian decoder for continuous data");
            }
        }
    },
    /** The continuous density N(x₀; μ_θ(x₁, 1), σ₁²). */
    GAUSSIAN("gaussian") {
        @Override
        public NDArray nll(NDArray x0, NDArray mean, NDArray logVar) {
            return Gaussians.nll(x0, mean, logVar);
        }
    };

    private final String id;

    Decoder(String id) {
        this.id = id;
    }

    /** −log p_θ(x₀ | x₁) per element, in nats. */
    public abstract NDArray nll(NDArray x0, NDArray mean, NDArray logVar);

    /** Throws when x₀ is outside what the decoder models. */
    public void check(NDArray x0) {
    }

    /** The name reported with every estimate. */
    public String id() {
        return id;
    }

    /** "discretized-gaussian-8bit" (also "discrete", "8bit") or "gaussian" (also "continuous"). */
    public static Decoder parse(String s) {
        return NAMES.parse(s);
    }

    private static final Names<Decoder> NAMES = Names.of("decoder",
            Names.entry(DISCRETIZED_8BIT, "discretized-gaussian-8bit", "discrete", "8bit"),
            Names.entry(GAUSSIAN, "gaussian", "continuous"));
}
