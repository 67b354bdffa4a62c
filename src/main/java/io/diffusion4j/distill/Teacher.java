package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's x̂₀ for a batch whose samples sit at different noise levels (one per sample), without gradients: a
 * trained network is called once for the whole batch; any {@link Denoiser} (e.g. an exact oracle) once per distinct
 * level.
 */
@FunctionalInterface
public interface Teacher {

    /** x̂₀(x_i; level_i) for every sample i. */
    NDArray x0(NDArray x, NoiseLevel[] levels);

    /** A trained network (its parametrization turns the raw output into x̂₀), evaluated in inference mode. */
    static Teacher of(Network network, Parametrization parametrization) {
        return (x, levels) -> {
            NDManager m = x.getManager();
            double[] a = new double[levels.length];
            double[] s = new double[levels.length];
            float[] time = new float[levels.length];
            for (int i = 0; i < levels.length; i++) {
                a[i] = levels[i].alpha();
                s[i] = levels[i].sigma();
                time[i] = (float) levels[i].time();
            }
            NDArray in = x.stopGradient();
            NDArray out = network.forward(in, m.create(time), null, false);
            return parametrization.x0(out, in, PerSample.of(a, in), PerSample.of(s, in)).stopGradient();
        };
    }

    /** Any denoiser, called once per distinct level with the samples at that level. */
    static Teacher of(Denoiser denoiser) {
        return (x, levels) -> {
            Map<NoiseLevel, List<Integer>> groups = new LinkedHashMap<>();
            for (int i = 0; i < levels.length; i++) {
                groups.computeIfAbsent(levels[i], k -> new ArrayList<>()).add(i);
            }
            NDArray in = x.stopGradient();
            NDArray out = in.zerosLike();
            for (Map.Entry<NoiseLevel, List<Integer>> g : groups.entrySet()) {
                NDArray idx = x.getManager().create(g.getValue().stream().mapToLong(Integer::longValue).toArray());
                NDArray rows = in.get(idx);
                NDArray x0 = denoiser.predict(rows, g.getKey()).x0();
                out.set(new ai.djl.ndarray.index.NDIndex("{}", idx), x0);
            }
            return out.stopGradient();
        };
    }
}
