package io.diffusion4j.app.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.guidance.ClassifierGuidance;
import io.diffusion4j.model.Classifier;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.Generation;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;

import java.util.List;

/**
 * Class-conditional image sampling with a trained U-Net: the network bound to each batch's labels, decorated with
 * classifier-free guidance (weight {@code cfg}, 0 = the conditional model) and optionally classifier guidance (a
 * noisy classifier with scale {@code classifierScale}), and x̂₀ clipped to [−1, 1] when {@code clip} holds. With
 * {@code unconditionalBase} the network is given the null class and only the classifier steers towards the labels
 * (classifier guidance of an unconditional model). Any sampler and grid. Batches are drawn by
 * {@link Generation}, the toolkit's one sampling loop and seeding rule.
 */
public record ConditionalSampling(Network network, Parametrization parametrization, double cfg, Classifier classifier,
                                  double classifierScale, boolean clip, boolean unconditionalBase) {

    public ConditionalSampling {
        ClassifierFreeGuidance.requireScale(cfg);
        ClassifierFreeGuidance.requireScale(classifierScale);
        if (unconditionalBase && cfg > 0) {
            throw new IllegalArgumentException("classifier-free guidance needs the conditional network; drop --guidance"
                    + " or the unconditional base");
        }
    }

    /** The network bound to the labels (with classifier-free guidance when cfg &gt; 0). */
    public ConditionalSampling(Network network, Parametrization parametrization, double cfg, Classifier classifier,
                               double classifierScale, boolean clip) {
        this(network, parametrization, cfg, classifier, classifierScale, clip, false);
    }

    /** The chain over a loaded run's network (a one-line error for a learned-variance run). */
    public ConditionalSampling(io.diffusion4j.run.LoadedRun run, double cfg, Classifier classifier, double classifierScale,
                               boolean clip) {
        this(requireFixed(run).network(), run.config().prediction(), cfg, classifier, classifierScale, clip, false);
    }

    private static io.diffusion4j.run.LoadedRun requireFixed(io.diffusion4j.run.LoadedRun run) {
        run.requireFixedVariance();
        return run;
    }

    /** The denoiser for one batch of labels (B); labels may be null for an unconditional network. */
    public Denoiser denoiser(NDArray labels) {
        NetworkDenoiser base = new NetworkDenoiser(network, parametrization);
        Denoiser d;
        if (labels == null) {
            d = base;
        } else {
            int nullClass = spec().nullClass();
            if (unconditionalBase) {
                d = base.withCondition(labels.getManager().full(labels.getShape(), nullClass, ai.djl.ndarray.types.DataType.FLOAT32));
            } else {
                if (network.takesGuidance()) {
                    // a guided-distillation student takes w as an input: one evaluation where guidance needs two
                    d = base.withCondition(labels).withGuidance(labels.getManager().full(labels.getShape(), (float) cfg,
                            ai.djl.ndarray.types.DataType.FLOAT32));
                } else {
                    d = cfg > 0 ? ClassifierFreeGuidance.of(base, labels, nullClass, cfg) : base.withCondition(labels);
                }
            }
            if (classifier != null && classifierScale > 0) {
                d = new ClassifierGuidance(d, classifier, labels, classifierScale);
            }
        }
        if (!clip) {
            return d;
        }
        Denoiser inner = d;
        return (x, level) -> level.sigma() == 0 ? inner.predict(x, level) : inner.predict(x, level).clipX0(-1, 1);
    }

    /** One image per entry of {@code labels} (null: {@code n} unconditional images), in batches of {@code batch}. */
    public ImageSet sample(int[] labels, int n, Sampler sampler, TimeGrid grid, NoiseSource noise, int batch) {
        return sample(labels, n, sampler, grid, noise, batch, StepListener.NONE);
    }

    /**
     * As {@link #sample(int[], int, Sampler, TimeGrid, NoiseSource, int)}, with {@code listener} hearing every step
     * of every batch (a progress bar: grid.steps() × ⌈total / batch⌉ steps in all).
     */
    public ImageSet sample(int[] labels, int n, Sampler sampler, TimeGrid grid, NoiseSource noise, int batch,
                           StepListener listener) {
        return sample(labels, n, sampler, grid, noise, batch, listener, d -> d);
    }

    /**
     * As above, with each batch's denoiser passed through {@code adapt} (e.g. a discrete model read on an SDE's
     * continuous time for the score-SDE samplers).
     */
    public ImageSet sample(int[] labels, int n, Sampler sampler, TimeGrid grid, NoiseSource noise, int batch,
                           StepListener listener, java.util.function.UnaryOperator<Denoiser> adapt) {
        UNetSpec spec = spec();
        int total = labels == null ? n : labels.length;
        float[] px = Generation.sample(y -> adapt.apply(denoiser(y)), sampler, grid, spec.sampleShape(1).slice(1).getShape(), total, labels,
                noise, batch, listener);
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(-1f, Math.min(1f, px[i]));
        }
        return new ImageSet(total, spec.channels(), spec.height(), spec.width(), px, labels == null ? null : labels.clone(),
                List.of());
    }

    private UNetSpec spec() {
        if (!(network.spec() instanceof UNetSpec s)) {
            throw new IllegalArgumentException("image sampling needs a U-Net, got a " + network.spec().type() + " network");
        }
        return s;
    }
}
