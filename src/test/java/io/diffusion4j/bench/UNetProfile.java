package io.diffusion4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

/**
 * bench/unet profiling aid: two U-Net training steps (batch 64) under libtorch's profiler, written as a Chrome trace
 * ({@code UNetProfile [base=32] [trace=target/unet-trace.json] [train|sample] [batch=64]}); {@code sample} profiles five
 * inference forward passes of 64 images instead (what DDIM spends its time on). {@code bench/unet/trace_summary.py}
 * sums a trace per op.
 */
public final class UNetProfile {
    private UNetProfile() {
    }

    /** This process's minor page faults so far (field 10 of /proc/self/stat), or -1 off Linux. */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    public static void main(String[] args) throws Exception {
        int base = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        String trace = args.length > 1 ? args[1] : "target/unet-trace.json";
        boolean sample = args.length > 2 && args[2].equals("sample");
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        UNetSpec spec = UNetSpec.of(1, 28, 28, base, 10).withDropout(0);
        ImageSet train = FashionMnist.bundled().load(FashionMnist.Split.TRAIN);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 0);
             Trainer trainer = new Trainer(net, ImageTraining.loss(schedule, Parametrization.EPS, LossWeighting.NONE, spec),
                     ImageTraining.batches(train, spec), TrainConfig.defaults(10, batch, 0).withWarmup(0))) {
            if (sample) {
                profileForward(net, m, trace);
                return;
            }
            trainer.trainStep();
            trainer.trainStep();
            long f0 = minorFaults();
            long t0 = System.nanoTime();
            trainer.trainStep();
            System.out.printf("unprofiled step: %.3f s, %d minor page faults%n", (System.nanoTime() - t0) / 1e9,
                    minorFaults() - f0);
            JniUtils.startProfile(false, Boolean.getBoolean("d4j.profile.shapes"), false);
            t0 = System.nanoTime();
            trainer.trainStep();
            trainer.trainStep();
            System.out.printf("two profiled steps: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            JniUtils.stopProfile(trace);
        }
    }

    private static void profileForward(Network net, NDManager m, String trace) {
        float[] labels = new float[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = i % 10;
        }
        try (NDManager s = m.newSubManager()) {
            for (int i = 0; i < 3; i++) {
                try (NDManager step = s.newSubManager()) {
                    forwardOnce(net, step, labels);
                }
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                try (NDManager step = s.newSubManager()) {
                    forwardOnce(net, step, labels);
                }
            }
            System.out.printf("five unprofiled forward passes: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            JniUtils.startProfile(false, Boolean.getBoolean("d4j.profile.shapes"), false);
            t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                try (NDManager step = s.newSubManager()) {
                    forwardOnce(net, step, labels);
                }
            }
            System.out.printf("five profiled forward passes: %.3f s%n", (System.nanoTime() - t0) / 1e9);
            JniUtils.stopProfile(trace);
        }
    }

    /** One inference forward pass of 64 noise images at t = 500, every array in {@code step}. */
    private static void forwardOnce(Network net, NDManager step, float[] labels) {
        net.forward(step.randomNormal(new Shape(64, 1, 28, 28)), step.full(new Shape(64), 500f), step.create(labels),
                false).toFloatArray();
    }
}
