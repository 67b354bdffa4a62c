package io.diffusion4j.train;

import io.diffusion4j.limits.Limits;

/**
 * Optimisation settings as data: steps, batch size, Adam (lr, β₁, β₂, ε) with linear warm-up, global gradient-norm
 * clipping (0 = off), EMA decay (0 = off), the seed, and how often to log and checkpoint.
 */
public record TrainConfig(int steps, int batch, double lr, int warmup, double beta1, double beta2, double adamEps,
                          double clipNorm, double emaDecay, long seed, int logEvery, int checkpointEvery) {

    public TrainConfig {
        Limits.require("--steps", steps, 1, Limits.MAX_TRAIN_STEPS);
        Limits.require("--batch", batch, 1, Limits.MAX_BATCH);
        require(lr > 0 && Double.isFinite(lr), "--lr must be > 0, got " + lr);
        require(warmup >= 0, "--warmup must be >= 0, got " + warmup);
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must be in [0, 1)");
        require(adamEps > 0, "Adam epsilon must be > 0");
        require(clipNorm >= 0, "--clip-grad must be >= 0, got " + clipNorm);
        require(emaDecay >= 0 && emaDecay < 1, "--ema must be in [0, 1), got " + emaDecay);
        require(logEvery >= 1 && checkpointEvery >= 1, "--log-every and --checkpoint-every must be >= 1");
    }

    /** Defaults: Adam(1e-3, 0.9, 0.999, 1e-8), 100 warm-up steps, clip 1.0, EMA 0.999, log every 50, checkpoint every 1000. */
    public static TrainConfig defaults(int steps, int batch, long seed) {
        return new TrainConfig(steps, batch, 1e-3, Math.min(100, steps / 10), 0.9, 0.999, 1e-8, 1.0, 0.999, seed, 50, 1000);
    }

    public TrainConfig withLr(double v) {
        return new TrainConfig(steps, batch, v, warmup, beta1, beta2, adamEps, clipNorm, emaDecay, seed, logEvery, checkpointEvery);
    }

    public TrainConfig withEma(double v) {
        return new TrainConfig(steps, batch, lr, warmup, beta1, beta2, adamEps, clipNorm, v, seed, logEvery, checkpointEvery);
    }

    public TrainConfig withWarmup(int v) {
        return new TrainConfig(steps, batch, lr, v, beta1, beta2, adamEps, clipNorm, emaDecay, seed, logEvery, checkpointEvery);
    }

    public TrainConfig withClipNorm(double v) {
        return new TrainConfig(steps, batch, lr, warmup, beta1, beta2, adamEps, v, emaDecay, seed, logEvery, checkpointEvery);
    }

    public TrainConfig withIntervals(int log, int checkpoint) {
        return new TrainConfig(steps, batch, lr, warmup, beta1, beta2, adamEps, clipNorm, emaDecay, seed, log, checkpoint);
    }

    /** Learning rate at 1-based step k: linear warm-up to lr over {@code warmup} steps, then constant. */
    public double lrAt(int k) {
        return warmup == 0 ? lr : lr * Math.min(1.0, (double) k / warmup);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
