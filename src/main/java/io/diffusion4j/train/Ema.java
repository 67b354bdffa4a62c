package io.diffusion4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.diffusion4j.parallel.BatchParallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of the weights, θ_ema ← d·θ_ema + (1 − d)·θ, used for sampling (Ho et al. 2020, §B;
 * Song &amp; Ermon 2020). The effective decay warms up as min(d, (1 + k)/(10 + k)) so short runs are not dominated by the
 * random initialisation.
 */
public final class Ema {
    private final double decay;
    private final Map<String, NDArray> shadow = new LinkedHashMap<>();

    public Ema(NDManager manager, Map<String, NDArray> weights, double decay) {
        this.decay = decay;
        weights.forEach((k, w) -> shadow.put(k, w.stopGradient().duplicate()));
        shadow.values().forEach(a -> a.attach(manager));
    }

    /** Update after 1-based step k. */
    public void update(Map<String, NDArray> weights, int k) {
        double d = Math.min(decay, (1.0 + k) / (10.0 + k));
        List<String> names = new ArrayList<>(weights.keySet());
        BatchParallel.forEach(names.size(), i -> {   // independent per weight, a range per thread
            try (NDScope scope = new NDScope()) {
                shadow.get(names.get(i)).muli(d).addi(weights.get(names.get(i)).stopGradient().mul(1 - d));
                scope.suppressNotUsedWarning();
            }
        });
    }

    public Map<String, NDArray> weights() {
        return shadow;
    }

    /** Restores saved averages (same names as the weights). */
    public void restore(Map<String, float[]> values) {
        for (Map.Entry<String, NDArray> e : shadow.entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("checkpoint lacks the EMA of " + e.getKey());
            }
            io.diffusion4j.tensor.Weights.copyInto(e.getValue(), v);
        }
    }
}
