package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import java.util.function.Supplier;

/** Activation functions DJL lacks by name, and the inference-time memory scope of a block's intermediates. */
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

    /**
     * {@code body}'s result; at inference ({@code training} false) every other array that {@code body} creates is
     * closed as soon as it returns, so the next block's buffers reuse this block's while they are still in cache
     * instead of the forward pass holding every intermediate to the end of the step (measured on the bench U-Net's
     * forward pass: element-wise kernels ran about twice as slow on fresh memory as the twin's on reused memory).
     * In training nothing is closed here: autograd's saved tensors include Java-owned arrays (dropout masks) that
     * must outlive the forward pass. Safe under an input-gradient collector at inference (guidance, DPS): the arrays
     * made in a block are libtorch-owned, so autograd's own references keep what the backward pass reads.
     */
    public static NDArray scoped(boolean training, Supplier<NDArray> body) {
        if (training) {
            return body.get();
        }
        try (NDScope scope = new NDScope()) {
            NDArray out = body.get();
            NDScope.unregister(out);
            return out;
        }
    }
}
