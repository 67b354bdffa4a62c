package io.diffusion4j.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The per-step memory scope of every sampler loop (single-step ones through {@link SingleStepSampler}): step i runs
 * in a sub-manager of xT's manager that holds the incoming state, and only the returned state is attached back. What
 * a body must keep across steps it attaches to {@code parent} itself.
 */
final class ScopedSteps {
    private ScopedSteps() {
    }

    @FunctionalInterface
    interface Body {
        /** The state after step i; arrays made from x land in the step's manager. */
        NDArray step(int i, NDArray x, NDManager parent);
    }

    static NDArray run(NDArray xT, int steps, Body body) {
        NDManager parent = xT.getManager();
        NDArray x = xT;
        for (int i = 0; i < steps; i++) {
            try (NDManager sm = parent.newSubManager()) {
                if (x == xT) {
                    x.tempAttach(sm);
                } else {
                    x.attach(sm);
                }
                NDArray next = body.step(i, x, parent);
                next.attach(parent);
                x = next;
            }
        }
        return x;
    }
}
