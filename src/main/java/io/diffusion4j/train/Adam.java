package io.diffusion4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.parallel.BatchParallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) over named parameters, with its moment estimates held here so that a
 * checkpoint can store them and a resumed run continues bit for bit. Updates are in place; nothing is allocated per
 * step.
 */
public final class Adam {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final NDManager manager;

    public Adam(NDManager manager, double beta1, double beta2, double eps) {
        this.manager = manager;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /**
     * One update of every weight with its gradient at 1-based step k and learning rate lr. Uses the engine's fused
     * Adam kernel on our own moment arrays, in the form of Kingma &amp; Ba §2 (bias correction folded into the step
     * size: θ ← θ − lr·√(1−β₂ᵏ)/(1−β₁ᵏ)·m/(√v + ε)).
     */
    public void step(Map<String, NDArray> weights, Map<String, NDArray> grads, int k, double lr) {
        double correction = (Math.sqrt(1 - Math.pow(beta2, k)) / (1 - Math.pow(beta1, k)));
        List<String> names = new ArrayList<>(weights.keySet());
        for (String name : names) {   // the moments are made here, so the updates below only read the maps
            Shape shape = weights.get(name).getShape();
            m.computeIfAbsent(name, n -> manager.zeros(shape));
            v.computeIfAbsent(name, n -> manager.zeros(shape));
        }
        // each weight's update is independent: one range of weights per thread (BatchParallel.forEach)
        BatchParallel.forEach(names.size(), i -> {
            String name = names.get(i);
            NDArray w = weights.get(name);
            w.getNDArrayInternal().adamUpdate(new NDList(w, grads.get(name), m.get(name), v.get(name)), new NDList(w),
                    (float) lr, (float) (lr * correction), 0f, 1f, -1f, (float) beta1, (float) beta2, (float) eps, true, false);
        });
    }

    /** The moment estimates, for checkpoints: "m/NAME" and "v/NAME". */
    public Map<String, NDArray> state() {
        Map<String, NDArray> s = new LinkedHashMap<>();
        m.forEach((k, a) -> s.put("m/" + k, a));
        v.forEach((k, a) -> s.put("v/" + k, a));
        return s;
    }

    /** Restores moment estimates saved by {@link #state()}. */
    public void restore(Map<String, float[]> values, Map<String, NDArray> weights) {
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            float[] mv = values.get("m/" + e.getKey());
            float[] vv = values.get("v/" + e.getKey());
            if (mv == null || vv == null) {
                throw new IllegalArgumentException("checkpoint lacks optimiser state for " + e.getKey());
            }
            m.put(e.getKey(), manager.create(mv, e.getValue().getShape()));
            v.put(e.getKey(), manager.create(vv, e.getValue().getShape()));
        }
    }
}
