package io.diffusion4j.cli;

import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.train.TrainListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;

/**
 * Terminal progress bars (rate and ETA) on stderr, fed by the typed training and sampling listeners. The bar appears
 * at the first step, so input errors found before any work print alone.
 */
final class Progress implements AutoCloseable {
    private final String task;
    private long total;
    private ProgressBar bar;

    Progress(String task, long total) {
        this.task = task;
        this.total = total;
    }

    private ProgressBar bar(long start) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500)
                    .showSpeed().startsFrom(start, java.time.Duration.ZERO).build();
        }
        return bar;
    }

    /** The same bar for a job of {@code total} steps, known only once the job is planned. */
    Progress restart(long total) {
        close();
        this.total = total;
        return this;
    }

    TrainListener training() {
        return s -> {
            ProgressBar b = bar(s.step() - 1);
            b.stepTo(s.step());
            if (s.step() % 10 == 0 || s.step() == s.total()) {
                b.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", s.loss()));
            }
        };
    }

    StepListener sampling() {
        return s -> bar(0).step();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
