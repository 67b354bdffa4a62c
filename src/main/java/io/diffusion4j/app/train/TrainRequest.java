package io.diffusion4j.app.train;

import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code d4j train} was asked for, with the set of options the user typed ({@code given}), so that an option
 * that does not apply to the chosen model or data is an error instead of being ignored. Values not typed hold the
 * command's defaults; {@code batch}, {@code lr} and {@code model} are null when their default depends on the model.
 */
public record TrainRequest(Path out, boolean resume, String data, int nData, String model, int base, int imageSize,
                           double pUncond, double dropout, boolean unconditional, int gridEvery, int[] hidden,
                           String schedule, int T, Double betaStart, Double betaEnd, boolean zeroTerminalSnr,
                           String prediction, String weighting, int steps, Integer batch, Double lr, int warmup,
                           double clipGrad, double ema, long seed, int checkpointEvery, int logEvery, String process,
                           String variance, String loss, String tSampling, String prior, Set<String> given) {

    public TrainRequest {
        given = Set.copyOf(given);
        hidden = hidden.clone();
    }

    boolean has(String option) {
        return given.contains(option);
    }
}
