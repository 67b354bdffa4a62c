package io.diffusion4j.guidance;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.diffusion4j.model.Classifier;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * Classifier guidance (Dhariwal &amp; Nichol 2021, Algorithm 2 in its score form, eq. 14 of §4.2 / Song et al. 2021,
 * eq. 49): with a noisy classifier p_φ(y | x_t), ε̂ ← ε̂ − s·σ_t·∇ₓ log p_φ(y | x_t), i.e. the score gains
 * s·∇ₓ log p_φ(y | x_t). Every sampler then gets the guided model; with s = 1 and an exact classifier this is the
 * exact class-conditional denoiser (Bayes' rule on the scores). The gradient is taken with respect to the input,
 * through the classifier, at the level's network time.
 */
public record ClassifierGuidance(Denoiser base, Classifier classifier, NDArray labels, double scale) implements Denoiser {

    public ClassifierGuidance {
        ClassifierFreeGuidance.requireScale(scale);
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        Prediction p = base.predict(x, level);
        if (scale == 0 || level.sigma() == 0) {
            return p;
        }
        NDArray grad = logProbGradient(classifier, x, level, labels);
        return Prediction.fromEps(x, p.eps().sub(grad.mul(scale * level.sigma())), level);
    }

    /** ∇ₓ log p(y | x) for each sample's label y (B), in x's manager. */
    public static NDArray logProbGradient(Classifier classifier, NDArray x, NoiseLevel level, NDArray labels) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = classifier.logits(input, level);
            NDArray oneHot = labels.toType(DataType.INT64, false).oneHot((int) logits.getShape().get(1))
                    .toType(DataType.FLOAT32, false);
            gc.backward(logits.logSoftmax(1).mul(oneHot).sum()); // samples are independent: Σ_i log p(y_i | x_i)
        }
        NDArray g = input.getGradient().duplicate();
        input.setRequiresGradient(false);
        return g;
    }
}
