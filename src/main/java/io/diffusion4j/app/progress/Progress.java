package io.diffusion4j.app.progress;

import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.train.TrainListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Terminal progress bars (rate and ETA) on stderr, fed by the typed training and sampling listeners. The bar appears
 * at the first step, so input errors found before any work print alone.
 */
public final class Progress implements AutoCloseable {
    private final String task;
    private long total;
    private ProgressBar bar;

    public Progress(String task, long total) {
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
    public Progress restart(long total) {
        close();
        this.total = total;
        return this;
    }

    public TrainListener training() {
        return s -> {
            ProgressBar b = bar(s.step() - 1);
            b.stepTo(s.step());
            if (s.step() % 10 == 0 || s.step() == s.total()) {
                b.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", s.loss()));
            }
        };
    }

    public StepListener sampling() {
        return s -> bar(0).step();
    }

    /** One unit of work done (e.g. one point of a BER curve). */
    public void step() {
        bar(0).step();
    }

    /** A note shown after the bar (e.g. what is being measured). */
    public void note(String message) {
        bar(0).setExtraMessage(message);
    }

    /**
     * The training listener that also writes "phase,step,loss,lr,grad_norm" rows to {@code csv} every 50 steps and at
     * the last (null: no rows).
     */
    public TrainListener training(String phase, Writer csv) {
        TrainListener bar = training();
        return s -> {
            bar.onStep(s);
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

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
