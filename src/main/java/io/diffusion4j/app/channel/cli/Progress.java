package io.diffusion4j.app.channel.cli;

import io.diffusion4j.train.TrainListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** Progress bars (stderr) for the channel subcommands, and a training listener that also writes metrics.csv rows. */
final class Progress {
    private Progress() {
    }

    static ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500).continuousUpdate().build();
    }

    /** Steps the bar with the running loss; writes "phase,step,loss,lr,grad_norm" rows to {@code csv} if not null. */
    static TrainListener training(ProgressBar bar, String phase, Writer csv) {
        return s -> {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", s.loss()));
            if (csv != null && (s.step() % 50 == 0 || s.step() == s.total())) {
                try {
                    csv.write(String.format(Locale.ROOT, "%s,%d,%.6g,%.3g,%.4g%n", phase, s.step(), s.loss(), s.lr(), s.gradNorm()));
                    csv.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
