package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;

/** Activation functions DJL lacks by name. */
public final class Functional {
    private Functional() {
    }

    /** SiLU(x) = x·σ(x) (Elfwing et al. 2018; "swish" with β = 1). */
    public static NDArray silu(NDArray x) {
        return x.getNDArrayInternal().swish(1f);
    }
}
