package io.diffusion4j.train;

import io.diffusion4j.data.BatchSource;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.parallel.BatchParallel;
import io.diffusion4j.parallel.DataParallelStep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link Network} on any {@link TrainingLoss}: Adam with warm-up, global gradient-norm clipping, EMA of the
 * weights. Step k draws all its randomness from {@code fork(k)} of the seed and the optimiser state is saved whole,
 * so a run resumed from a checkpoint continues exactly as if it had never stopped. Each step runs in its own
 * sub-manager; memory does not grow with the number of steps.
 */
public final class Trainer implements AutoCloseable {
    private static final String STEP_KEY = "step";

    private final Network network;
    private final TrainingLoss loss;
    private final BatchSource data;
    private final TrainConfig config;
    private final NDManager manager;
    private final Adam adam;
    private final Ema ema;
    private final NoiseSource root;
    private static final int MAX_SKIPPED_IN_A_ROW = 10;
    private int step;
    private int skipped;
    private int skippedInARow;

    public Trainer(Network network, TrainingLoss loss, BatchSource data, TrainConfig config) {
        this.network = network;
        this.loss = loss;
        this.data = data;
        this.config = config;
        this.manager = network.manager().newSubManager();
        this.adam = new Adam(manager, config.beta1(), config.beta2(), config.adamEps());
        this.ema = config.emaDecay() > 0 ? new Ema(manager, network.parameters(), config.emaDecay()) : null;
        this.root = new NoiseSource(config.seed()).fork(0x7EA1L);
    }

    public Network network() {
        return network;
    }

    /** Completed optimiser steps. */
    public int step() {
        return step;
    }

    /** Steps whose gradient was not finite and was therefore not applied. */
    public int skippedSteps() {
        return skipped;
    }

    public boolean done() {
        return step >= config.steps();
    }

    /** One optimiser step; returns its record. */
    public TrainListener.Step trainStep() {
        int k = step + 1;
        Map<String, NDArray> weights = network.parameters();
        double lossValue;
        double gradNorm;
        try (NDManager sm = manager.newSubManager()) {
            NoiseSource noise = root.fork(k);
            Batch batch = data.next(sm, config.batch(), noise);
            Map<String, NDArray> grads = new LinkedHashMap<>();
            try (DataParallelStep split = network.trainingStep(sm)) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = loss.loss(network, batch, noise);
                    lossValue = l.getFloat();
                    if (!Double.isFinite(lossValue)) {
                        throw new IllegalStateException("training diverged at step " + k + " (loss " + lossValue
                                + "); lower --lr or enable gradient clipping");
                    }
                    gc.backward(l);
                    split.backward();
                }
                weights.forEach((name, w) -> grads.put(name, split.gradient(w)));
            }
            List<NDArray> gradList = new ArrayList<>(grads.values());
            NDArray[] squares = new NDArray[gradList.size()];
            BatchParallel.forEach(squares.length, i -> squares[i] = gradList.get(i).square().sum());
            NDArray sq = squares[0];
            for (int i = 1; i < squares.length; i++) {
                sq = sq.addi(squares[i]);   // in weight order, whichever thread made each square
            }
            gradNorm = Math.sqrt(sq.getFloat());   // one host sync for the global norm
            if (!Double.isFinite(gradNorm)) {
                // A non-finite gradient is skipped, not applied (as mixed-precision trainers do): the weights stay
                // finite and the run goes on; persistent failures end it with a diagnosis.
                grads.values().forEach(g -> g.set(new NDIndex("..."), 0f));
                skipped++;
                if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
                    throw new IllegalStateException("training diverged: " + MAX_SKIPPED_IN_A_ROW
                            + " non-finite gradients in a row at step " + k + "; lower --lr or keep --clip-grad on");
                }
                step = k;
                return new TrainListener.Step(k, config.steps(), lossValue, config.lrAt(k), gradNorm);
            }
            skippedInARow = 0;
            if (config.clipNorm() > 0 && gradNorm > config.clipNorm()) {
                double scale = config.clipNorm() / (gradNorm + 1e-6);  // global-norm clipping (Pascanu et al. 2013)
                BatchParallel.forEach(gradList.size(), i -> gradList.get(i).muli(scale));
            }
            double lr = config.lrAt(k);
            adam.step(weights, grads, k, lr);
            // the fused update also clears each weight's gradient, which PyTorch would otherwise accumulate
            if (ema != null) {
                ema.update(weights, k);
            }
            step = k;
            return new TrainListener.Step(k, config.steps(), lossValue, lr, gradNorm);
        }
    }

    /** Trains to the configured number of steps, checkpointing to {@code checkpoint} (may be null) on schedule. */
    public void run(TrainListener listener, Path checkpoint, Map<String, String> metadata) throws IOException {
        while (!done()) {
            TrainListener.Step s = trainStep();
            listener.onStep(s);
            if (checkpoint != null && (step % config.checkpointEvery() == 0 || done())) {
                saveCheckpoint(checkpoint, metadata);
            }
        }
    }

    /** The weights to sample with: the EMA when enabled, else the raw weights. */
    public Map<String, float[]> samplingWeights() {
        Map<String, float[]> m = new LinkedHashMap<>();
        (ema != null ? ema.weights() : network.parameters()).forEach((k, v) -> m.put(k, v.toFloatArray()));
        return m;
    }

    /**
     * Writes weights, EMA, optimiser moments and the step to one file, atomically, keeping the one before as
     * {@link Checkpoints#previous the spare}.
     */
    public void saveCheckpoint(Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        network.parameters().forEach((k, v) -> t.put("model/" + k, tensor(v)));
        if (ema != null) {
            ema.weights().forEach((k, v) -> t.put("ema/" + k, tensor(v)));
        }
        adam.state().forEach((k, v) -> t.put("adam/" + k, tensor(v)));
        Map<String, String> meta = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        meta.put(STEP_KEY, String.valueOf(step));
        Checkpoints.save(file, t, meta);
    }

    /**
     * Restores a checkpoint written by {@link #saveCheckpoint}: weights, EMA, optimiser and step; an unreadable file
     * falls back to its spare with a warning on stderr (both unreadable: one-line {@link IllegalArgumentException}).
     */
    public void restore(Path file) throws IOException {
        Safetensors.Contents c = Checkpoints.load(file, k -> k.metadata().containsKey(STEP_KEY), System.err);
        Map<String, float[]> model = new LinkedHashMap<>();
        Map<String, float[]> emaValues = new LinkedHashMap<>();
        Map<String, float[]> adamValues = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model/")) {
                model.put(k.substring(6), v.data());
            } else if (k.startsWith("ema/")) {
                emaValues.put(k.substring(4), v.data());
            } else if (k.startsWith("adam/")) {
                adamValues.put(k.substring(5), v.data());
            }
        });
        network.load(model);
        if (ema != null) {
            ema.restore(emaValues);
        }
        String s = c.metadata().get(STEP_KEY);
        if (s == null) {
            throw new IOException(file + " is not a training checkpoint (no step)");
        }
        step = Integer.parseInt(s);
        if (step > 0) {
            adam.restore(adamValues, network.parameters());
        }
    }

    private static Tensor tensor(NDArray a) {
        return new Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }
}
