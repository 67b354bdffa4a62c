package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Activation functions DJL lacks by name. */
public final class Functional {
    private Functional() {
    }

    /**
     * SiLU(x) = x·σ(x) (Elfwing et al. 2018; "swish" with β = 1). Written as x·sigmoid(x) rather than DJL's
     * {@code swish(1f)}, which multiplies by a Java scalar: DJL turns the scalar into a tensor over a direct buffer,
     * closes it at once, and autograd keeps it for the backward pass, so the gradient read freed memory (NaN
     * gradients that came and went with the garbage collector).
     */
    public static NDArray silu(NDArray x) {
        return x.mul(Activation.sigmoid(x));
    }
}
