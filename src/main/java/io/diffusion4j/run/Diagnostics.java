package io.diffusion4j.run;

import io.diffusion4j.data.Points;
import io.diffusion4j.schedule.Schedule;

import java.util.Locale;
import java.util.Optional;

/**
 * Says why samples look wrong instead of leaving the user with "pure noise": checks normalised samples (the training
 * data has zero mean and unit variance per dimension in these units) and names the likely causes.
 */
public final class Diagnostics {
    private Diagnostics() {
    }

    /** A one-line warning when the samples are non-finite or far wider than the data; empty when they look sane. */
    public static Optional<String> checkSamples(Points normalised, Schedule schedule, io.diffusion4j.param.Parametrization prediction) {
        double sum = 0;
        double sq = 0;
        long bad = 0;
        for (float v : normalised.values()) {
            if (!Float.isFinite(v)) {
                bad++;
                continue;
            }
            sum += v;
            sq += (double) v * v;
        }
        long n = normalised.values().length - bad;
        if (bad > 0) {
            return Optional.of(bad + " sample values are NaN or infinite: the model or the schedule is broken"
                    + hint(schedule, prediction));
        }
        double mean = sum / n;
        double std = Math.sqrt(Math.max(0, sq / n - mean * mean));
        if (std > 3 || Math.abs(mean) > 3) {
            return Optional.of(String.format(Locale.ROOT,
                    "samples have mean %.2f and std %.2f in normalised units (the data: 0 and 1), so they are mostly noise%s",
                    mean, std, hint(schedule, prediction)));
        }
        return Optional.empty();
    }

    private static String hint(Schedule schedule, io.diffusion4j.param.Parametrization prediction) {
        StringBuilder h = new StringBuilder("; likely causes: ");
        double a = schedule.sqrtAlphaBar(schedule.T());
        if (prediction == io.diffusion4j.param.Parametrization.EPS && a < 1e-3) {
            h.append(String.format(Locale.ROOT,
                    "ε-prediction with √ᾱ_T = %.1e divides the network's error by √ᾱ (use --clip-x0 auto, --prediction v, or the linear schedule); ", a));
        }
        h.append("too few training steps (is the loss in metrics.csv still falling?); too few sampling --steps");
        return h.toString();
    }
}
