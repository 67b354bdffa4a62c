package io.diffusion4j.parallel;

import io.diffusion4j.tensor.Engines;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch chunks on parallel threads: when they split, how they join, and that the U-Net's output does not change. */
class BatchParallelTest {
    private int threadsBefore;

    /** Two intra-op threads whatever the machine has, so the split is exercised on a one-core runner too. */
    @BeforeEach
    void twoThreads() {
        Engines.engine();
        threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
    }

    @AfterEach
    void restore() {
        JniUtils.setNumThreads(threadsBefore);
    }

    @Test
    void chunksRunOnTwoThreadsAndJoinInBatchOrder() {
        try (NDManager m = Engines.newManager()) {
            float[] v = new float[10 * 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = i;
            }
            NDArray x = m.create(v, new ai.djl.ndarray.types.Shape(10, 3));
            NDArray y = m.arange(10f);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            List<Long> sizes = new CopyOnWriteArrayList<>();
            List<Integer> intraOp = new CopyOnWriteArrayList<>();
            NDList out = BatchParallel.apply(new NDList(x, y), 4, in -> {
                threads.add(Thread.currentThread());
                sizes.add(in.head().getShape().get(0));
                intraOp.add(JniUtils.getNumThreads());
                return new NDList(in.get(0).mul(2), in.get(1).add(in.get(0).sum(new int[] {1})));
            });
            assertEquals(2, threads.size(), "one chunk per intra-op thread");
            assertTrue(threads.contains(Thread.currentThread()), "the caller runs the first chunk");
            assertEquals(Set.of(5L), Set.copyOf(sizes));
            assertEquals(List.of(1, 1), intraOp, "each chunk runs its ops single-threaded");
            assertEquals(2, JniUtils.getNumThreads(), "the caller's thread count comes back");
            assertArrayEquals(x.mul(2).toFloatArray(), out.get(0).toFloatArray());
            assertArrayEquals(y.add(x.sum(new int[] {1})).toFloatArray(), out.get(1).toFloatArray());
            assertSame(m, out.get(0).getManager(), "the outputs live in the caller's manager");
        }
    }

    /** forEach: one contiguous range of indices per thread, each index once, single-threaded; in order when small. */
    @Test
    void forEachRunsOneRangePerThreadAndSmallListsInOrder() {
        java.util.Map<Integer, Thread> byIndex = new ConcurrentHashMap<>();
        List<Integer> intraOp = new CopyOnWriteArrayList<>();
        BatchParallel.forEach(40, 16, i -> {
            byIndex.put(i, Thread.currentThread());
            intraOp.add(JniUtils.getNumThreads());
        });
        assertEquals(40, byIndex.size());
        assertEquals(2, Set.copyOf(byIndex.values()).size());
        for (int i = 1; i < 40; i++) {
            assertTrue(i == 20 || byIndex.get(i) == byIndex.get(i - 1), "ranges are contiguous: " + i);
        }
        assertEquals(Set.of(1), Set.copyOf(intraOp));
        List<Integer> order = new CopyOnWriteArrayList<>();
        BatchParallel.forEach(31, 16, order::add);   // 31 < 2 × 16: in order on the caller's thread
        assertEquals(java.util.stream.IntStream.range(0, 31).boxed().toList(), order);
    }

    /**
     * Guidance and DPS take gradients through the network, and a loss may record its weights' gradients through an
     * inference-mode pass: then nothing is split, and the graph stays whole. Nor is a batch too small to split.
     */
    @Test
    void runsWholeWhenGradientsAreRecordedOrSmallBatch() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.arange(64f).reshape(16, 4);
            List<Long> sizes = new CopyOnWriteArrayList<>();
            java.util.function.UnaryOperator<NDList> fn = in -> {
                sizes.add(in.head().getShape().get(0));
                return new NDList(in.head().square());
            };
            NDArray leaf = x.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = BatchParallel.apply(new NDList(leaf), 4, fn).head();
                gc.backward(out.sum());
            }
            assertArrayEquals(x.mul(2).toFloatArray(), leaf.getGradient().toFloatArray());
            BatchParallel.apply(new NDList(leaf), 4, fn);        // an input that requires a gradient, no collector
            BatchParallel.apply(new NDList(x), 9, fn);           // 16 samples do not make two chunks of 9
            // recorded gradients of the function's own weights (an inference-mode pass inside a training loss)
            NDArray w = m.ones(new ai.djl.ndarray.types.Shape(4));
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = BatchParallel.apply(new NDList(x), 4, in -> {
                    sizes.add(in.head().getShape().get(0));
                    return new NDList(in.head().mul(w));
                }).head();
                gc.backward(out.sum());
            }
            assertArrayEquals(x.sum(new int[] {0}).toFloatArray(), w.getGradient().toFloatArray());
            assertEquals(List.of(16L, 16L, 16L, 16L), sizes);
        }
    }

    @Test
    void aFailingChunkFailsTheCallWithItsOwnException() {
        try (NDManager m = Engines.newManager()) {
            NDArray x = m.arange(16f).reshape(8, 2);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchParallel.apply(new NDList(x), 2, in -> {
                if (Thread.currentThread().getName().startsWith("d4j-batch-worker")) {
                    throw new IllegalArgumentException("chunk failed");
                }
                return new NDList(in.head().neg());
            }));
            assertEquals("chunk failed", e.getMessage());
            assertEquals(2, JniUtils.getNumThreads());
        }
    }

    /**
     * The U-Net at inference, split in two chunks of 32, against the same block run whole on the caller's thread:
     * samples do not interact (group norm is per sample, attention within an image), so only the convolution
     * kernels' choice for a smaller batch could change the float rounding; measured bit-identical, allowed 1e-5.
     */
    @Test
    void uNetOutputEqualsTheWholeBatchPass() {
        UNetSpec spec = UNetSpec.of(1, 28, 28, 8, 10).withDropout(0);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 3)) {
            NoiseSource noise = new NoiseSource(4);
            NDArray x = noise.normal(m, spec.sampleShape(64));
            NDArray t = m.arange(0f, 1000f, 1000f / 64);
            float[] labels = new float[64];
            for (int i = 0; i < 64; i++) {
                labels[i] = i % 11;
            }
            NDArray c = m.create(labels);
            List<Thread> callers = new CopyOnWriteArrayList<>();
            NDList in = new NDList(x, t, c);
            NDArray split = BatchParallel.apply(in, spec.parallelChunk(), part -> {
                callers.add(Thread.currentThread());
                return net.block().forward(new ai.djl.training.ParameterStore(m, false), part, false);
            }).head();
            assertEquals(2, callers.size());
            NDArray viaNetwork = net.forward(in, false).head();
            JniUtils.setNumThreads(1);
            NDArray whole = net.block().forward(new ai.djl.training.ParameterStore(m, false), in, false).head();
            assertTrue(split.sub(whole).abs().max().getFloat() <= 1e-5f, "split and whole passes differ");
            assertEquals(0f, viaNetwork.sub(split).abs().max().getFloat(), "Network.forward takes the split path");
        }
    }

    /**
     * A training pass split in two chunks, each with its own parameter replicas and its own backward pass, gives
     * the whole-batch pass's loss and gradients: equal up to float rounding (the batch mean and the gradient sums
     * are reduced in another order, each rounding ≲ 1e-7 relative, summed over 64 samples and a few hundred
     * multiply-adds, so 1e-4 of the largest gradient entry leaves room and still catches a chunk counted twice
     * or lost, which is off by half). The weights' own gradients stay zero: the chunks wrote only their replicas.
     * Two split steps give the same bits.
     */
    @Test
    void splitTrainingStepGivesTheWholeBatchGradientsAndTheSameBitsTwice() {
        UNetSpec spec = UNetSpec.of(1, 12, 12, 8, 3).withDropout(0);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 5)) {
            NoiseSource noise = new NoiseSource(6);
            NDArray x = noise.normal(m, spec.sampleShape(32));
            NDArray target = noise.normal(m, spec.sampleShape(32));
            NDArray t = m.arange(0f, 960f, 30f);
            NDArray c = m.arange(32f).mod(4f);
            java.util.Map<String, float[]> whole = new java.util.LinkedHashMap<>();
            float wholeLoss;
            try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = net.forward(x, t, c, true).sub(target).square().mean();
                wholeLoss = loss.getFloat();
                gc.backward(loss);
                net.parameters().forEach((k, w) -> {
                    whole.put(k, w.getGradient().toFloatArray());
                    w.getGradient().subi(w.getGradient());
                });
            }
            float[][] first = null;
            for (int run = 0; run < 2; run++) {
                try (NDManager s = m.newSubManager()) {
                    java.util.List<float[]> grads = new java.util.ArrayList<>();
                    float splitLoss;
                    try (DataParallelStep split = net.trainingStep(s)) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray loss = net.forward(x, t, c, true).sub(target).square().mean();
                            splitLoss = loss.getFloat();
                            gc.backward(loss);
                            split.backward();
                        }
                        net.parameters().forEach((k, w) -> grads.add(split.gradient(w).toFloatArray()));
                    }
                    assertEquals(wholeLoss, splitLoss, 1e-6 * wholeLoss);
                    int i = 0;
                    for (java.util.Map.Entry<String, float[]> e : whole.entrySet()) {
                        float[] g = grads.get(i++);
                        float scale = 0;
                        for (float v : e.getValue()) {
                            scale = Math.max(scale, Math.abs(v));
                        }
                        for (int j = 0; j < g.length; j++) {
                            assertEquals(e.getValue()[j], g[j], 1e-4 * scale + 1e-12, e.getKey() + "[" + j + "]");
                        }
                    }
                    net.parameters().forEach((k, w) -> assertEquals(0f, w.getGradient().abs().max().getFloat(), k + ": own gradient touched"));
                    float[][] now = grads.toArray(new float[0][]);
                    if (first == null) {
                        first = now;
                    } else {
                        for (int j = 0; j < now.length; j++) {
                            assertArrayEquals(first[j], now[j], "split gradients differ between two runs");
                        }
                    }
                }
            }
        }
    }
}
