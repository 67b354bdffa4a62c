package io.diffusion4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, lecture 6.5; PyTorch's form): v ← ρv + (1−ρ)g², θ ← θ − lr·g/(√v + ε). The
 * optimiser the WGAN paper prescribes with weight clipping (Arjovsky et al. 2017, §3: momentum-based optimisers
 * made the critic unstable). Updates in place on detached views, inside an {@link NDScope}.
 */
public final class RmsProp {
    private final double rho;
    private final double eps;
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final NDManager manager;

    public RmsProp(NDManager manager, double rho, double eps) {
        this.manager = manager;
        this.rho = rho;
        this.eps = eps;
    }

    public void step(Map<String, NDArray> weights, double lr) {
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            NDArray vk = v.computeIfAbsent(e.getKey(), n -> manager.zeros(e.getValue().getShape()));
            try (NDScope scope = new NDScope()) {
                NDArray g = e.getValue().getGradient();
                vk.muli(rho).addi(g.square().muli(1 - rho));
                e.getValue().stopGradient().subi(g.div(vk.sqrt().addi(eps)).muli(lr));
                g.muli(0); // PyTorch accumulates gradients; clear them for the next step
                scope.suppressNotUsedWarning();
            }
        }
    }
}
