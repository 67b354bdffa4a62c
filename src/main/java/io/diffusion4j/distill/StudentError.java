package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Network;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.PerSample;

/**
 * The distillation losses' shared last step (Salimans &amp; Ho 2022 Algorithm 2; Meng et al. 2023 eq. 7): the
 * student's x̂₀ at z (labels and guidance weights fed when given) against a fixed target x̃, the per-sample squared
 * error weighted by the level's x-space weight (max(SNR, 1) in both papers), averaged over the batch.
 */
final class StudentError {
    private StudentError() {
    }

    static NDArray of(Network student, Parametrization p, LossWeighting weighting, NDArray z, NoiseLevel[] levels,
                      NDArray labels, double[] w, NDArray target) {
        int b = levels.length;
        double[] a = new double[b];
        double[] s = new double[b];
        float[] time = new float[b];
        float[] weight = new float[b];
        for (int i = 0; i < b; i++) {
            a[i] = levels[i].alpha();
            s[i] = levels[i].sigma();
            time[i] = (float) levels[i].time();
            weight[i] = (float) weighting.x0Weight(levels[i], p);
        }
        NDArray wIn = null;
        if (w != null) {
            float[] f = new float[b];
            for (int i = 0; i < b; i++) {
                f[i] = (float) w[i];
            }
            wIn = z.getManager().create(f);
        }
        NDArray out = student.forward(z, z.getManager().create(time), labels, wIn, true);
        NDArray xHat = p.x0(out, z, PerSample.of(a, z), PerSample.of(s, z));
        return PerSample.meanPerSample(xHat.sub(target).square()).mul(z.getManager().create(weight)).mean();
    }
}
