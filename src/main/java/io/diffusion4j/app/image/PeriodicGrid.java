package io.diffusion4j.app.image;

import io.diffusion4j.data.image.Png;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A training listener that writes {@code grid-STEP.png} every {@code every} steps: the trainer's sampling weights (the
 * EMA when enabled) copied into a second network of the same spec, one row per class (or unconditional rows), DDIM
 * with 20 steps from a fixed x_T, so successive grids show the same draws improving.
 */
public final class PeriodicGrid implements TrainListener {
    private final Trainer trainer;
    private final Network scratch;
    private final Parametrization parametrization;
    private final Schedule schedule;
    private final Path dir;
    private final int every;
    private final int cols;
    private final double guidance;

    /** {@code scratch} is a network of the trained one's spec (its weights are overwritten at each grid). */
    public PeriodicGrid(Trainer trainer, Network scratch, Parametrization parametrization, Schedule schedule, Path dir,
                        int every, int cols, double guidance) {
        if (every < 1 || cols < 1) {
            throw new IllegalArgumentException("grid interval and columns must be >= 1");
        }
        this.trainer = trainer;
        this.scratch = scratch;
        this.parametrization = parametrization;
        this.schedule = schedule;
        this.dir = dir;
        this.every = every;
        this.cols = cols;
        this.guidance = guidance;
    }

    @Override
    public void onStep(Step s) {
        if (s.step() % every != 0 && s.step() != s.total()) {
            return;
        }
        scratch.load(trainer.samplingWeights());
        UNetSpec spec = (UNetSpec) scratch.spec();
        int rows = spec.classes() > 0 ? spec.classes() : 4;
        int[] labels = spec.classes() > 0 ? ImageTraining.gridLabels(rows, cols, spec.classes(), -1) : null;
        ConditionalSampling sampling = new ConditionalSampling(scratch, parametrization, spec.classes() > 0 ? guidance : 0,
                null, 0, true);
        try {
            Png.writeGrid(dir.resolve(String.format("grid-%06d.png", s.step())), sampling.sample(labels, rows * cols,
                    new DdimSampler(0), TimeGrid.of(schedule, 20, Spacing.UNIFORM), new NoiseSource(0x6121DL), 100), rows, cols, 2);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training grid: " + e.getMessage(), e);
        }
    }
}
