package io.diffusion4j.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.testing.WithManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Algorithm 2's target against an exact teacher: one student DDIM step with x̂₀ = x̃ lands where two teacher steps did. */
class ProgressiveDistillationTest extends WithManager {
    private static final MixtureOracle ORACLE = new MixtureOracle(ToyData.GMM8.mixture().orElseThrow());
    private static final Schedule COSINE = io.diffusion4j.schedule.ScheduleSpec.of("cosine", 1000).build();

    /** z'' of one DDIM step x_t → x_s with the given x̂₀, computed here by hand (float arrays, no shared code). */
    private static float[] ddim(float[] z, float[] x0, NoiseLevel from, NoiseLevel to) {
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            double epsHat = (z[i] - from.alpha() * x0[i]) / from.sigma();
            out[i] = (float) (to.alpha() * x0[i] + to.sigma() * epsHat);
        }
        return out;
    }

    @Test
    void oneStudentStepOnTheTargetEqualsTwoTeacherSteps() {
        TimeGrid teacherGrid = TimeGrid.of(COSINE, 8, Spacing.TRAILING);
        ProgressiveDistillation pd = new ProgressiveDistillation(Teacher.of(ORACLE), teacherGrid, Parametrization.V,
                LossWeighting.TRUNCATED_SNR);
        assertEquals(4, pd.studentSteps());
        assertEquals(TimeGrid.of(COSINE, 4, Spacing.TRAILING).levels(), pd.studentGrid().levels(),
                "trailing grids nest: the student's 4-step grid is every second level of the teacher's 8");
        try (NDManager m = manager.newSubManager()) {
            for (int k = 0; k < 4; k++) {
                int b = 64;
                NDArray z = new NoiseSource(k).normal(m, new Shape(b, 2)).mul(teacherGrid.level(2 * k).sigma());
                int[] ks = new int[b];
                java.util.Arrays.fill(ks, k);
                float[] xTilde = pd.target(z, ks).toFloatArray();
                NoiseLevel t = teacherGrid.level(2 * k);
                NoiseLevel t1 = teacherGrid.level(2 * k + 1);
                NoiseLevel t2 = teacherGrid.level(2 * k + 2);
                // the teacher's two steps, from the oracle's own predictions
                float[] z0 = z.toFloatArray();
                Prediction p0 = ORACLE.predict(z, t);
                float[] z1 = ddim(z0, p0.x0().toFloatArray(), t, t1);
                Prediction p1 = ORACLE.predict(m.create(z1, new Shape(b, 2)), t1);
                float[] z2 = ddim(z1, p1.x0().toFloatArray(), t1, t2);
                float[] student = ddim(z0, xTilde, t, t2);
                for (int i = 0; i < z2.length; i++) {
                    assertEquals(z2[i], student[i], 1e-5 * Math.max(1, Math.abs(z2[i])), "step " + k + ", value " + i);
                }
                if (t2.isData()) {
                    float[] x0 = p1.x0().toFloatArray();
                    for (int i = 0; i < x0.length; i++) {
                        assertEquals(x0[i], xTilde[i], 1e-5, "at t'' = 0 the target is the teacher's last x̂₀");
                    }
                }
            }
        }
    }

    @Test
    void perSampleLevelsGiveTheSameTargetAsOneLevelAtATime() {
        TimeGrid teacherGrid = TimeGrid.of(COSINE, 4, Spacing.TRAILING);
        ProgressiveDistillation pd = new ProgressiveDistillation(Teacher.of(ORACLE), teacherGrid, Parametrization.V,
                LossWeighting.TRUNCATED_SNR);
        try (NDManager m = manager.newSubManager()) {
            NDArray z = new NoiseSource(7).normal(m, new Shape(6, 2));
            int[] mixed = {0, 1, 0, 1, 1, 0};
            float[] together = pd.target(z, mixed).toFloatArray();
            for (int i = 0; i < mixed.length; i++) {
                float[] alone = pd.target(z.get(i + ":" + (i + 1)), new int[] {mixed[i]}).toFloatArray();
                assertEquals(alone[0], together[2 * i], 1e-6);
                assertEquals(alone[1], together[2 * i + 1], 1e-6);
            }
        }
    }

    @Test
    void anOddTeacherGridIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProgressiveDistillation(
                Teacher.of(ORACLE), TimeGrid.of(COSINE, 5, Spacing.TRAILING), Parametrization.V, LossWeighting.TRUNCATED_SNR));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
    }
}
