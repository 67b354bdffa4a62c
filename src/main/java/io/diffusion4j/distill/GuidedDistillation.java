package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.data.Batch;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.process.ForwardProcess;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.PerSample;

/**
 * Stage one of guided distillation (Meng et al. 2023, §4.1, eq. 7): a student that takes the guidance weight w as an
 * input learns the teacher's classifier-free-guided x̂₀, (1 + w)·x̂₀(z_t, c) − w·x̂₀(z_t, ∅), for w drawn from
 * {@code range} and t drawn uniformly from the levels of {@code levels} short of its last (data); the x-space error is
 * weighted by {@code weighting} (max(SNR, 1)). One student evaluation then replaces the teacher's two.
 */
public record GuidedDistillation(Teacher teacher, TimeGrid levels, Parametrization parametrization, LossWeighting weighting,
                                 GuidanceRange range) implements TrainingLoss {

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        if (batch.condition() == null) {
            throw new IllegalArgumentException("guided distillation needs labelled data");
        }
        NDArray x = batch.x0();
        int b = (int) x.getShape().get(0);
        NoiseLevel[] at = new NoiseLevel[b];
        double[] a = new double[b];
        double[] s = new double[b];
        for (int i = 0; i < b; i++) {
            at[i] = levels.level((int) Math.floor(noise.nextDouble() * levels.steps()));
            a[i] = at[i].alpha();
            s[i] = at[i].sigma();
        }
        double[] w = range.draw(noise, b);
        NDArray eps = noise.normal(x.getManager(), x.getShape());
        NDArray z = ForwardProcess.qSample(x, eps, PerSample.of(a, x), PerSample.of(s, x));
        NDArray target = teacher.x0(z, at, batch.condition(), w).stopGradient();
        return StudentError.of(net, parametrization, weighting, z, at, batch.condition(), w, target);
    }
}
