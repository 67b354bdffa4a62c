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

import java.util.ArrayList;
import java.util.List;

/**
 * One round of progressive distillation (Salimans &amp; Ho 2022, Algorithm 2). The teacher samples with deterministic
 * DDIM on {@code teacherGrid} (2N steps); the student learns the N-step grid made of every second teacher level. For
 * each sample: a student step t → t'' is drawn, z_t = α_t x + σ_t ε, the teacher takes its two DDIM steps
 * t → t' → t'', and the target x̃ is the x̂₀ with which one DDIM step from z_t lands on the teacher's z_t''
 * ({@link #target}). The loss is the x-space error weighted by {@code weighting} (the paper's max(SNR, 1)).
 * A batch's condition (class labels) goes to teacher and student alike. With a {@code guidance} range, each sample
 * draws a w that teacher and student both take (Meng et al. 2023 stage two: the rounds of a guided student).
 */
public record ProgressiveDistillation(Teacher teacher, TimeGrid teacherGrid, Parametrization parametrization,
                                      LossWeighting weighting, GuidanceRange guidance) implements TrainingLoss {

    /** Unguided distillation. */
    public ProgressiveDistillation(Teacher teacher, TimeGrid teacherGrid, Parametrization parametrization,
                                   LossWeighting weighting) {
        this(teacher, teacherGrid, parametrization, weighting, null);
    }

    public ProgressiveDistillation {
        if (teacherGrid.steps() % 2 != 0 || teacherGrid.steps() < 2) {
            throw new IllegalArgumentException("the teacher's step count must be even (the student takes half), got "
                    + teacherGrid.steps());
        }
    }

    /** The student's step count, half the teacher's. */
    public int studentSteps() {
        return teacherGrid.steps() / 2;
    }

    /** The student's grid: every second level of the teacher's, from the noisiest to data. */
    public TimeGrid studentGrid() {
        return studentGrid(teacherGrid);
    }

    /** Every second level of {@code teacher}'s grid. */
    public static TimeGrid studentGrid(TimeGrid teacher) {
        List<NoiseLevel> l = new ArrayList<>();
        for (int i = 0; i < teacher.levels().size(); i += 2) {
            l.add(teacher.level(i));
        }
        return TimeGrid.of(l);
    }

    /** Deterministic DDIM from (z, level at x̂₀) to {@code to}: α_to x̂₀ + (σ_to/σ_from)(z − α_from x̂₀) (Algorithm 2). */
    static NDArray ddim(NDArray z, NDArray x0, double[] aFrom, double[] sFrom, double[] aTo, double[] sTo) {
        int b = aFrom.length;
        double[] ratio = new double[b];
        for (int i = 0; i < b; i++) {
            ratio[i] = sTo[i] / sFrom[i];
        }
        return PerSample.of(aTo, z).mul(x0).add(PerSample.of(ratio, z).mul(z.sub(PerSample.of(aFrom, z).mul(x0))));
    }

    /**
     * x̃ = (z_t'' − (σ_t''/σ_t) z_t) / (α_t'' − (σ_t''/σ_t) α_t): the x̂₀ for which one DDIM step from z_t at t lands
     * on {@code zTarget} at t'' (Algorithm 2; at t'' = 0 it is z_t'' itself).
     */
    static NDArray target(NDArray z, NDArray zTarget, double[] a, double[] s, double[] a2, double[] s2) {
        int b = a.length;
        double[] ratio = new double[b];
        double[] denom = new double[b];
        for (int i = 0; i < b; i++) {
            ratio[i] = s2[i] / s[i];
            denom[i] = a2[i] - ratio[i] * a[i];
        }
        return zTarget.sub(PerSample.of(ratio, z).mul(z)).div(PerSample.of(denom, z));
    }

    /** The teacher's two DDIM steps from z at student step k_i (teacher levels 2k, 2k+1, 2k+2), and the target x̃. */
    public NDArray target(NDArray z, int[] k) {
        return target(z, k, null, null);
    }

    /** As {@link #target(NDArray, int[])} for a teacher given labels and guidance weights (either may be null). */
    public NDArray target(NDArray z, int[] k, NDArray labels, double[] w) {
        int b = k.length;
        NoiseLevel[] l0 = new NoiseLevel[b];
        NoiseLevel[] l1 = new NoiseLevel[b];
        double[][] as = new double[6][b];
        for (int i = 0; i < b; i++) {
            l0[i] = teacherGrid.level(2 * k[i]);
            l1[i] = teacherGrid.level(2 * k[i] + 1);
            NoiseLevel l2 = teacherGrid.level(2 * k[i] + 2);
            as[0][i] = l0[i].alpha();
            as[1][i] = l0[i].sigma();
            as[2][i] = l1[i].alpha();
            as[3][i] = l1[i].sigma();
            as[4][i] = l2.alpha();
            as[5][i] = l2.sigma();
        }
        NDArray z1 = ddim(z, teacher.x0(z, l0, labels, w), as[0], as[1], as[2], as[3]);
        NDArray z2 = ddim(z1, teacher.x0(z1, l1, labels, w), as[2], as[3], as[4], as[5]);
        return target(z, z2, as[0], as[1], as[4], as[5]);
    }

    @Override
    public NDArray loss(Network net, Batch batch, NoiseSource noise) {
        NDArray x = batch.x0();
        int b = (int) x.getShape().get(0);
        int n = studentSteps();
        int[] k = new int[b];
        NoiseLevel[] levels = new NoiseLevel[b];
        double[] a = new double[b];
        double[] s = new double[b];
        for (int i = 0; i < b; i++) {
            k[i] = (int) Math.floor(noise.nextDouble() * n);
            levels[i] = teacherGrid.level(2 * k[i]);
            a[i] = levels[i].alpha();
            s[i] = levels[i].sigma();
        }
        double[] w = guidance == null ? null : guidance.draw(noise, b);
        NDArray eps = noise.normal(x.getManager(), x.getShape());
        NDArray z = ForwardProcess.qSample(x, eps, PerSample.of(a, x), PerSample.of(s, x));
        NDArray xTilde = target(z, k, batch.condition(), w).stopGradient();
        return StudentError.of(net, parametrization, weighting, z, levels, batch.condition(), w, xTilde);
    }
}
