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
 * @param model "mlp" (a denoising network) or "gaussian" (the baseline generator; network and schedule are null)
 */
public record RunConfig(String version, String data, int dataCount, int dim, Normalization normalization, double x0Bound,
                        String model,
                        NetworkSpec network, ScheduleSpec schedule, String prediction, String weighting,
                        TrainConfig train) {
}
