package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.parallel.BatchParallel;
import io.diffusion4j.parallel.DataParallelStep;
import io.diffusion4j.tensor.Weights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A denoising network with its weights: a DJL block built from a {@link NetworkSpec}, initialised from a seed
 * (PyTorch's default rule, drawn in Java so the same seed gives the same weights on any engine), living in its own
 * manager. {@link #forward} takes x, the time fed to the network and an optional condition.
 */
public final class Network implements AutoCloseable {
    private final NetworkSpec spec;
    private final Block block;
    private final NDManager manager;
    private final ParameterStore store;
    private DataParallelStep step;

    private Network(NetworkSpec spec, Block block, NDManager manager) {
        this.spec = spec;
        this.block = block;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /** A new network with weights drawn from {@code seed}: weights U(±1/√fan_in), biases and norm shifts 0, norm scales 1. */
    public static Network create(NetworkSpec spec, NDManager parent, long seed) {
        NDManager m = parent.newSubManager();
        Block block = spec.newBlock();
        block.initialize(m, DataType.FLOAT32, spec.inputShapes(2));
        NoiseSource noise = new NoiseSource(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            float[] v = new float[Math.toIntExact(s.size())];
            String name = p.getKey();
            if (name.endsWith("gamma")) {
                java.util.Arrays.fill(v, 1f);
            } else if (name.endsWith("weight") && s.dimension() >= 2) {
                double bound = 1 / Math.sqrt(s.size() / s.get(0));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((2 * noise.nextDouble() - 1) * bound);
                }
            }
            Weights.copyInto(a, v);
        }
        return new Network(spec, block, m);
    }

    public NetworkSpec spec() {
        return spec;
    }

    public Block block() {
        return block;
    }

    public NDManager manager() {
        return manager;
    }

    /** Raw output for x at per-sample network times {@code time} (B), with an optional condition (null for none). */
    public NDArray forward(NDArray x, NDArray time, NDArray condition, boolean training) {
        NDList in = condition == null ? new NDList(x, time) : new NDList(x, time, condition);
        return forward(in, training).head();
    }

    /**
     * As {@link #forward(NDArray, NDArray, NDArray, boolean)} for a net that takes a guidance weight: labels (B) and
     * per-sample weights w (B) (a guided-distillation student, {@link UNetSpec#guidanceInput()}).
     */
    public NDArray forward(NDArray x, NDArray time, NDArray labels, NDArray guidance, boolean training) {
        if (guidance == null) {
            return forward(x, time, labels, training);
        }
        if (!(spec instanceof UNetSpec u) || !u.guidanceInput() || labels == null) {
            throw new IllegalArgumentException("a guidance weight is an input only of a guided-distillation student, with labels");
        }
        return forward(new NDList(x, time, labels, guidance), training).head();
    }

    /** Whether the network takes a guidance weight w as an input (a guided-distillation student). */
    public boolean takesGuidance() {
        return spec instanceof UNetSpec u && u.guidanceInput();
    }

    /**
     * The block's outputs for its inputs. A network whose spec names a {@link NetworkSpec#parallelChunk} runs in
     * batch chunks on parallel threads ({@link BatchParallel}): at inference where no gradient is recorded, and in
     * training inside a {@link #trainingStep}.
     */
    public NDList forward(NDList inputs, boolean training) {
        int chunk = spec.parallelChunk();
        if (chunk < 1) {
            return block.forward(store, inputs, training);
        }
        if (!training) {
            return BatchParallel.apply(inputs, chunk, in -> block.forward(store, in, false));
        }
        DataParallelStep split = step;
        return split == null ? block.forward(store, inputs, true)
                : split.forward(inputs, chunk, (ps, in) -> block.forward(ps, in, true), store);
    }

    /**
     * Opens a training step whose forward passes may run split ({@link DataParallelStep}); its memory lives in
     * {@code stepManager}. The trainer calls {@code backward()} after the loss's and takes each weight's gradient
     * from it. Outside a step, training passes run whole and put their gradients on the weights as usual.
     */
    public DataParallelStep trainingStep(NDManager stepManager) {
        if (step != null) {
            throw new IllegalStateException("a training step is already open on this network");
        }
        DataParallelStep t = new DataParallelStep(stepManager, () -> step = null);
        step = t;
        return t;
    }

    /** The parameters by name, in block order (the arrays themselves, not copies). */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            m.put(p.getKey(), p.getValue().getArray());
        }
        return m;
    }

    /** Number of scalar weights. */
    public long parameterCount() {
        return parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Copies every named array of {@code values} into this network's weights; names and shapes must match. */
    public void load(Map<String, float[]> values) {
        for (Map.Entry<String, NDArray> e : parameters().entrySet()) {
            float[] v = values.get(e.getKey());
            if (v == null || v.length != e.getValue().getShape().size()) {
                throw new IllegalArgumentException("weights do not fit the network: parameter " + e.getKey()
                        + (v == null ? " is missing" : " has " + v.length + " values, expected " + e.getValue().getShape().size()));
            }
            Weights.copyInto(e.getValue(), v);
        }
    }

    /** A copy of the weights as float arrays by name. */
    public Map<String, float[]> snapshot() {
        Map<String, float[]> m = new LinkedHashMap<>();
        parameters().forEach((k, v) -> m.put(k, v.toFloatArray()));
        return m;
    }

    @Override
    public void close() {
        manager.close();
    }
}
