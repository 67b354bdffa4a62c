package io.diffusion4j.run;

import io.diffusion4j.model.NetworkSpec;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.WeightingSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.sde.ProcessSpec;
import io.diffusion4j.train.TrainConfig;

/**
 * Everything needed to rebuild a run's model and reproduce its samples, as typed values; stored as config.json by
 * {@link RunConfigJson} (the keys are listed in docs/run-directory.md).
 *
 * @param version    the toolkit version that wrote the run
 * @param data       what data it saw and the normalisation undone at sampling
 * @param model      mlp, unet or gaussian (the baseline generator: network, schedule and prediction are null)
 * @param network    the denoising network
 * @param schedule   the discrete noise schedule (also the time scale a discrete model is read with by SDE samplers)
 * @param prediction what the network predicts (ε, x₀ or v)
 * @param weighting  the loss weighting
 * @param train      optimiser, steps, seed and intervals
 * @param process    null for a discrete-time model; the SDE of a continuous-time score-matching run
 * @param image      the image format and class names of an image run (null for point data)
 * @param improved   variance, loss, timestep sampling and prior of a discrete run (null in older runs: the defaults)
 * @param distilled  the teacher, round and step count of a distilled student (null for any other run)
 */
public record RunConfig(String version, DataSpec data, ModelKind model, NetworkSpec network, ScheduleSpec schedule,
                        Parametrization prediction, WeightingSpec weighting, TrainConfig train, ProcessSpec process,
                        ImageData image, ImprovedDdpmConfig improved, Distilled distilled) {

    public RunConfig {
        if (data == null || model == null) {
            throw new IllegalArgumentException("config.json is incomplete: it needs data and model");
        }
        if (model.isNetwork() && (network == null || schedule == null || prediction == null)) {
            throw new IllegalArgumentException("config.json lacks the network, schedule or prediction of its " + model.id() + " model");
        }
        if (weighting == null) {
            weighting = WeightingSpec.NONE;
        }
    }

    /** True for an image run (a U-Net over C×H×W images in [−1, 1]). */
    public boolean isImage() {
        return image != null;
    }

    /** True for a continuous-time score-matching run. */
    public boolean isContinuous() {
        return process != null;
    }

    /**
     * The half-width of {@code --clip-x0 auto}'s range: 1 for images in [−1, 1], 1.5× the largest normalised training
     * value for point data.
     */
    public double autoClipBound() {
        return isImage() ? 1 : 1.5 * data.x0Bound();
    }

    /** Number of classes of a class-conditional U-Net (0 otherwise). */
    public int classes() {
        return network instanceof UNetSpec u ? u.classes() : 0;
    }
}
