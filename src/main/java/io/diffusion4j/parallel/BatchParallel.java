package io.diffusion4j.parallel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * Batch parallelism: a per-sample function (a network's forward pass, whose samples never interact)
 * runs on chunks of the batch, one chunk per intra-op thread, each chunk on its own thread with libtorch ops
 * single-threaded, and the outputs are concatenated in batch order. Measured on the bench U-Net at 2 threads
 * (bench/unet/README.md): libtorch's intra-op threads wake and wait at every op, and a forward pass of 64 images took
 * 1.2–1.6× as long as two single-threaded chunks of 32 side by side, whose outputs were bit-identical to it.
 *
 * <p>{@link #apply} is the inference path, used only where no autograd graph is wanted: when the caller records gradients (guidance and DPS take the
 * gradient with respect to x through the network) or an input requires a gradient, the function runs whole on the
 * caller's thread, as it does when the batch is too small or libtorch has one thread. Set the system property
 * {@code d4j.batch.parallel=false} to turn it off. The caller's intra-op thread count is restored on return.
 * {@link DataParallelStep} is the training path, with a backward pass per chunk. {@link #forEach} spreads many
 * small independent ops (an optimiser's per-weight updates) the same way, one range of them per thread.
 */
public final class BatchParallel {
    /** Indices per thread below which {@link #forEach(int, IntConsumer)} runs them in order on the caller's thread. */
    public static final int MIN_PER_THREAD = 16;
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("d4j.batch.parallel"));
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "d4j-batch-worker");
        t.setDaemon(true);
        return t;
    });

    private BatchParallel() {
    }

    /**
     * {@code fn(inputs)}, computed in up to one chunk per intra-op thread when that is safe and each chunk keeps at
     * least {@code minChunk} samples. Every input has the batch on axis 0; {@code fn} must treat samples
     * independently and create its outputs in its inputs' manager. Outputs come back in the first input's manager.
     */
    public static NDList apply(NDList inputs, int minChunk, UnaryOperator<NDList> fn) {
        int chunks = chunks(inputs, minChunk);
        if (chunks < 2 || JniUtils.isGradMode()) {
            return fn.apply(inputs);
        }
        NDManager caller = inputs.head().getManager();
        List<NDManager> scopes = subManagers(caller, chunks);
        try {
            List<NDList> parts = slices(inputs, scopes);
            return concat(onThreads(chunks, false, k -> fn.apply(parts.get(k))), false, caller);
        } finally {
            scopes.forEach(NDManager::close);
        }
    }

    /**
     * {@code action(i)} for every i &lt; n, in one contiguous range of indices per intra-op thread, each range on its own
     * thread with libtorch single-threaded; with one thread or fewer than {@link #MIN_PER_THREAD} indices per thread,
     * in order on the caller's thread. For many small independent ops, such as an optimiser's per-weight updates,
     * whose time goes to waking libtorch's threads at every op (measured on the bench U-Net's 245 weights at 2
     * threads: Adam 38–44 ms, EMA 10–13 ms and the gradient norm 8–11 ms per step, run whole). Each index is
     * handled by exactly one thread, in the same ops, so the results do not depend on the split. No gradients are
     * recorded on the worker threads.
     */
    public static void forEach(int n, IntConsumer action) {
        forEach(n, MIN_PER_THREAD, action);
    }

    /** {@link #forEach(int, IntConsumer)} with another minimum of indices per thread. */
    public static void forEach(int n, int minPerThread, IntConsumer action) {
        int threads = ENABLED ? Math.min(JniUtils.getNumThreads(), n / Math.max(1, minPerThread)) : 1;
        if (threads < 2 || JniUtils.isGradMode()) {
            for (int i = 0; i < n; i++) {
                action.accept(i);
            }
            return;
        }
        onThreads(threads, false, k -> {
            for (int i = n * k / threads; i < n * (k + 1) / threads; i++) {
                action.accept(i);
            }
            return null;
        });
    }

    /** How many chunks: one per intra-op thread, at least {@code minChunk} samples each; 1 when splitting is off or unsafe. */
    static int chunks(NDList inputs, int minChunk) {
        if (!ENABLED || minChunk < 1 || inputs.stream().anyMatch(NDArray::hasGradient)) {
            return 1;
        }
        return (int) Math.min(JniUtils.getNumThreads(), inputs.head().getShape().get(0) / minChunk);
    }

    static List<NDManager> subManagers(NDManager parent, int n) {
        List<NDManager> s = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            s.add(parent.newSubManager());
        }
        return s;
    }

    /** Rows [B·k/n, B·(k+1)/n) of every input, chunk k in scope k. */
    static List<NDList> slices(NDList inputs, List<NDManager> scopes) {
        int n = scopes.size();
        long batch = inputs.head().getShape().get(0);
        List<NDList> parts = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            NDList part = new NDList(inputs.size());
            for (NDArray a : inputs) {
                NDArray slice = a.get(batch * k / n + ":" + batch * (k + 1) / n);
                slice.attach(scopes.get(k));
                part.add(slice);
            }
            parts.add(part);
        }
        return parts;
    }

    /** Each output joined across chunks in batch order, in {@code into}; detached leaves that require a gradient if asked. */
    static NDList concat(List<NDList> outs, boolean leaves, NDManager into) {
        NDList result = new NDList(outs.get(0).size());
        for (int j = 0; j < outs.get(0).size(); j++) {
            NDList column = new NDList(outs.size());
            for (NDList o : outs) {
                column.add(leaves ? o.get(j).stopGradient() : o.get(j));
            }
            NDArray joined = NDArrays.concat(column, 0);
            joined.attach(into);
            if (leaves) {
                column.forEach(NDArray::close);
                joined.setRequiresGradient(true);
            }
            result.add(joined);
        }
        return result;
    }

    /**
     * task(0) on the caller's thread and task(k) on worker k, all with libtorch single-threaded and the given grad
     * mode (thread-local in libtorch; a new thread starts with it on); the caller's thread count is restored after.
     */
    static <T> List<T> onThreads(int n, boolean gradMode, IntFunction<T> task) {
        int threads = JniUtils.getNumThreads();
        List<Future<T>> pending = new ArrayList<>(n - 1);
        JniUtils.setNumThreads(1);  // libtorch's own pool stays idle meanwhile
        try {
            for (int k = 1; k < n; k++) {
                int chunk = k;
                pending.add(WORKERS.submit(() -> {
                    JniUtils.setGradMode(gradMode);
                    JniUtils.setNumThreads(1);
                    return task.apply(chunk);
                }));
            }
            List<T> results = new ArrayList<>(n);
            results.add(task.apply(0));
            for (Future<T> f : pending) {
                results.add(join(f));
            }
            return results;
        } finally {
            JniUtils.setNumThreads(threads);
            pending.forEach(BatchParallel::await);  // a failed chunk must not close memory another chunk still uses
        }
    }

    /** Waits for a chunk to end, however it ends, without giving up on an interrupt (its memory is closed next). */
    private static void await(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                break;  // reported by join, or superseded by the failure that is propagating
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a batch chunk was running", e);
        }
    }
}
