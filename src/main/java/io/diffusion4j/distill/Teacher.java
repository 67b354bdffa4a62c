package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's x̂₀ for a batch whose samples sit at different noise levels (one per sample), without gradients: a
 * trained network is called once for the whole batch (twice under classifier-free guidance); any {@link Denoiser}
 * (e.g. an exact oracle) once per distinct level. Labels (B) condition a class-conditional teacher; per-sample
 * guidance weights w (B) ask for its guided x̂₀, (1 + w)·x̂₀(x, c) − w·x̂₀(x, ∅) (Meng et al. 2023, the target of
 * guided distillation), in one call when the network takes w as an input (a guided student).
 */
@FunctionalInterface
public interface Teacher {

    /** x̂₀(x_i; level_i, label_i, w_i) for every sample i; labels and w may be null (none). */
    NDArray x0(NDArray x, NoiseLevel[] levels, NDArray labels, double[] w);

    /** A trained network (its parametrization turns the raw output into x̂₀), evaluated in inference mode. */
    static Teacher of(Network network, Parametrization parametrization) {
        return (x, levels, labels, w) -> {
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
            NDArray t = m.create(time);
            NDArray pa = PerSample.of(a, in);
            NDArray ps = PerSample.of(s, in);
            if (w == null || network.takesGuidance()) {
                NDArray wIn = w == null ? null : m.create(toFloat(w));
                NDArray out = network.forward(in, t, labels, wIn, false);
                return parametrization.x0(out, in, pa, ps).stopGradient();
            }
            if (labels == null || !(network.spec() instanceof UNetSpec u) || u.classes() == 0) {
                throw new IllegalArgumentException("a guided teacher needs a class-conditional network and labels");
            }
            NDArray none = m.full(labels.getShape(), u.nullClass(), DataType.FLOAT32);
            NDArray c = parametrization.x0(network.forward(in, t, labels, false), in, pa, ps);
            NDArray n = parametrization.x0(network.forward(in, t, none, false), in, pa, ps);
            return ClassifierFreeGuidance.combine(c, n, PerSample.of(w, in)).stopGradient();
        };
    }

    /** Any denoiser (labels and guidance already bound, if any), called once per distinct level. */
    static Teacher of(Denoiser denoiser) {
        return (x, levels, labels, w) -> {
            if (labels != null || w != null) {
                throw new IllegalArgumentException("this teacher has its condition bound; it takes no labels or guidance");
            }
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

    private static float[] toFloat(double[] w) {
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            f[i] = (float) w[i];
        }
        return f;
    }
}
