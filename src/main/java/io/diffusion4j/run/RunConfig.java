package io.diffusion4j.run;

import io.diffusion4j.data.Normalization;
import io.diffusion4j.model.NetworkSpec;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.train.TrainConfig;

/**
 * Everything needed to rebuild a run's model and reproduce its samples: what data it saw (name, dimension and the
 * normalisation undone at sampling), the model kind and network, the schedule, parametrization and weighting, the
 * training settings with the seed, and the toolkit version that wrote it. Stored as config.json.
 *
 * @param data      a toy data set's name (drawn with the training seed) or a data file's path
 * @param dataCount the number of toy points drawn (the file's row count for files)
 * @param x0Bound   the largest |value| of the normalised training data; sampling clips x̂₀ to ±1.5× it by default
 * @param process   null for a discrete-time model; vp-sde, subvp-sde or ve-sde for continuous-time score matching
 * @param sigmaMax  σ_max of a ve-sde run (null otherwise)
 * @param model "mlp" (a denoising network), "unet" (an image U-Net) or "gaussian" (the baseline generator; network and
 *              schedule are null)
 * @param image     the image format and class names of an image run (null for point data)
 */
public record RunConfig(String version, String data, int dataCount, int dim, Normalization normalization, double x0Bound,
                        String model,
                        NetworkSpec network, ScheduleSpec schedule, String prediction, String weighting,
                        TrainConfig train, String process, Double sigmaMax, ImageData image) {

    /** A point-data run (no image format). */
    public RunConfig(String version, String data, int dataCount, int dim, Normalization normalization, double x0Bound,
                     String model, NetworkSpec network, ScheduleSpec schedule, String prediction, String weighting,
                     TrainConfig train, String process, Double sigmaMax) {
        this(version, data, dataCount, dim, normalization, x0Bound, model, network, schedule, prediction, weighting,
                train, process, sigmaMax, null);
    }

    /** True for an image run (a U-Net over C×H×W images in [−1, 1]). */
    public boolean isImage() {
        return image != null;
    }

    /** The same run with a continuous-time process. */
    public RunConfig withProcess(String p, Double s) {
        return new RunConfig(version, data, dataCount, dim, normalization, x0Bound, model, network, schedule, prediction,
                weighting, train, p, s, image);
    }
}
