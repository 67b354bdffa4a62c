package io.diffusion4j.guidance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.model.Classifier;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClassifierGuidanceTest {
    private static final double[][] MEANS = {{1.5, -0.5, 0.25}, {-1, 1, 0.5}};
    private static final double STD = 0.4;

    /**
     * Bayes' rule on scores: the unconditional mixture oracle guided with scale 1 by the exact noisy classifier
     * p(y | x_t) equals the oracle of class y's component alone, at every level.
     */
    @ParameterizedTest
    @ValueSource(ints = {50, 300, 700, 999})
    void exactClassifierTurnsTheMixtureIntoTheClassConditional(int t) {
        NoiseLevel level = Schedule.linear(1000, 1e-4, 0.02).level(t);
        try (NDManager m = Engines.newManager()) {
            NDArray x = new NoiseSource(t).normal(m, new ai.djl.ndarray.types.Shape(6, 3)).mul(1.5);
            float[] y = {0, 1, 1, 0, 0, 1};
            NDArray labels = m.create(y);
            ClassifierGuidance guided = new ClassifierGuidance(new MixtureOracle(GaussianMixture.isotropic(MEANS, STD)),
                    exactClassifier(), labels, 1.0);
            float[] got = guided.predict(x, level).eps().toFloatArray();
            for (int k = 0; k < 2; k++) {
                float[] want = new MixtureOracle(GaussianMixture.isotropic(new double[][] {MEANS[k]}, STD))
                        .predict(x, level).eps().toFloatArray();
                for (int i = 0; i < y.length; i++) {
                    if (y[i] == k) {
                        for (int j = 0; j < 3; j++) {
                            // float32 autograd through O(10) logits: relative rounding ~1e-6, so 1e-4 absolute
                            assertEquals(want[i * 3 + j], got[i * 3 + j], 1e-4, "t=" + t + " sample " + i + " dim " + j);
                        }
                    }
                }
            }
        }
    }

    /** log p(x_t | y) up to a shared constant: x_t | y ~ N(α μ_y, (α² s² + σ²) I); equal priors. */
    private static Classifier exactClassifier() {
        return (x, level) -> {
            double v = level.alpha() * level.alpha() * STD * STD + level.sigma() * level.sigma();
            NDList cols = new NDList();
            for (double[] mu : MEANS) {
                NDArray mean = x.getManager().create(new float[] {(float) mu[0], (float) mu[1], (float) mu[2]}).mul(level.alpha());
                cols.add(x.sub(mean).square().sum(new int[] {1}, true).div(-2 * v));
            }
            return NDArrays.concat(cols, 1);
        };
    }
}
