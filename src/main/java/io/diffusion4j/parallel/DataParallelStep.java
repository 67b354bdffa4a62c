package io.diffusion4j.parallel;

import io.diffusion4j.parallel.BatchParallel;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The split forward passes of one training step. Each chunk runs its forward pass on its own thread with its own
 * replica of every parameter (an alias of the weight's storage that is a separate autograd leaf); the joined
 * outputs the loss sees are leaves too. After the loss's backward pass, {@link #backward} runs each chunk's
 * backward pass from the gradient its rows of the output received, the chunks in parallel, each into its own
 * replicas; {@link #gradient} adds them up in chunk order, so the step is the same bits on every run (parallel
 * accumulation into one gradient would add in a racing order). The forward passes and the backward passes are
 * where nearly all the time goes, and both run one chunk per thread. Memory of the chunks lives until close.
 */
public final class DataParallelStep implements AutoCloseable {
    private final NDManager manager;
    private final Runnable onClose;
    private final List<NDManager> scopes = new ArrayList<>();
    private final List<Pending> pending = new ArrayList<>();
    private final List<Replicas> replicas = new ArrayList<>();

    private record Pending(List<NDList> outputs, NDList joined) {
    }

    /** A step's split passes, their memory under {@code step}; {@code onClose} runs when the step closes it. */
    public DataParallelStep(NDManager step, Runnable onClose) {
        this.manager = step;
        this.onClose = onClose;
    }

    /**
     * {@code fn(store, inputs)} for the training pass: split into chunks with their own parameter replicas when
     * the batch allows it and gradients are being recorded, else run whole with {@code whole}, the network's own
     * parameter store (as it is when an input requires a gradient, so the graph reaches it).
     */
    public NDList forward(NDList inputs, int minChunk, BiFunction<ParameterStore, NDList, NDList> fn, ParameterStore whole) {
        int chunks = BatchParallel.chunks(inputs, minChunk);
        if (chunks < 2 || !JniUtils.isGradMode()) {
            return fn.apply(whole, inputs);
        }
        List<NDManager> own = BatchParallel.subManagers(manager, chunks);
        scopes.addAll(own);
        List<NDList> parts = BatchParallel.slices(inputs, own);
        List<Replicas> stores = new ArrayList<>(chunks);
        own.forEach(s -> stores.add(new Replicas(s)));
        replicas.addAll(stores);
        List<NDList> outputs = BatchParallel.onThreads(chunks, true, k -> fn.apply(stores.get(k), parts.get(k)));
        NDList joined = BatchParallel.concat(outputs, true, manager);
        pending.add(new Pending(outputs, joined));
        return joined;
    }

    /** Runs every chunk's backward pass from its outputs' gradients; call it after the loss's backward pass. */
    public void backward() {
        for (Pending p : pending) {
            int chunks = p.outputs().size();
            NDList outputGrads = new NDList(p.joined().size());
            for (NDArray joined : p.joined()) {
                NDArray g = joined.getGradient();
                g.attach(manager);
                outputGrads.add(g);
            }
            List<NDList> grads = new ArrayList<>(chunks);
            long from = 0;
            for (int k = 0; k < chunks; k++) {
                long rows = p.outputs().get(k).head().getShape().get(0);
                NDList g = new NDList(outputGrads.size());
                for (NDArray whole : outputGrads) {
                    NDArray slice = whole.get(from + ":" + (from + rows));
                    slice.attach(manager);
                    g.add(slice);
                }
                grads.add(g);
                from += rows;
            }
            BatchParallel.onThreads(chunks, true, k -> {
                backward(p.outputs().get(k), grads.get(k));
                return null;
            });
        }
        pending.clear();
    }

    /**
     * The weight's gradient, in the step's manager: its own (where an unsplit pass reached it) plus each chunk
     * replica's, in chunk order. A gradient libtorch never made is skipped, not added as a fresh array of zeros.
     */
    public NDArray gradient(NDArray weight) {
        NDArray g = defined(weight);
        for (Replicas r : replicas) {
            NDArray alias = r.byWeight.get(weight);
            NDArray a = alias == null ? null : defined(alias);
            if (a != null) {
                g = g == null ? a : g.add(a);
            }
        }
        if (g == null) {   // nothing reached this weight: zeros, as DJL answers
            g = weight.getGradient();
            g.attach(manager);
        }
        return g;
    }

    /** The array's gradient as a handle in the step's manager, or null where libtorch has none. */
    private NDArray defined(NDArray a) {
        NDArray g = JniUtils.getGradient((PtNDArray) a);
        if (g != null) {
            g.attach(manager);
        }
        return g;
    }

    private static void backward(NDList outputs, NDList grads) {
        if (outputs.size() == 1) {
            JniUtils.backward((PtNDArray) outputs.head(), (PtNDArray) grads.head(), false, false);
            return;
        }
        // one root for several outputs: the vector-Jacobian product of Σ_j ⟨g_j, out_j⟩ is Σ_j g_j·∂out_j
        NDArray root = null;
        for (int j = 0; j < outputs.size(); j++) {
            NDArray term = outputs.get(j).mul(grads.get(j)).sum();
            root = root == null ? term : root.add(term);
        }
        JniUtils.backward((PtNDArray) root, (PtNDArray) root.onesLike(), false, false);
    }

    @Override
    public void close() {
        scopes.forEach(NDManager::close);
        onClose.run();
    }

    /** A chunk's parameter store: each weight seen through its own alias, a separate autograd leaf. One thread. */
    private static final class Replicas extends ParameterStore {
        private final NDManager scope;
        private final Map<Parameter, NDArray> aliases = new HashMap<>();
        private final Map<NDArray, NDArray> byWeight = new IdentityHashMap<>();

        Replicas(NDManager scope) {
            super(scope, false);
            this.scope = scope;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) {
                return null;  // an absent optional parameter (a layer without bias), as the base store answers
            }
            return aliases.computeIfAbsent(parameter, p -> {
                NDArray weight = p.getArray();
                NDArray alias = weight.stopGradient();
                alias.attach(scope);
                alias.setRequiresGradient(true);
                byWeight.put(weight, alias);
                return alias;
            });
        }
    }
}
