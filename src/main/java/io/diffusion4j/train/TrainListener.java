package io.diffusion4j.train;

/** Observes training, one typed record per optimiser step (progress bars, metrics.csv, periodic sample grids). */
@FunctionalInterface
public interface TrainListener {

    /** One finished step: 1-based index, total steps, the batch loss, learning rate and pre-clip gradient norm. */
    record Step(int step, int total, double loss, double lr, double gradNorm) {
    }

    void onStep(Step step);

    TrainListener NONE = s -> {
    };
}
