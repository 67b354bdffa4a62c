package io.diffusion4j.tools;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.restore.Sr3;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Trains an SR3 model ({@link Sr3}) on the bundled Fashion-MNIST training subset and writes it to OUT/model.safetensors
 * with its provenance. Usage: {@code TrainSr3 FACTOR STEPS BATCH BASE SEED OUT}. The U-Net is
 * {@code UNetSpec.of(1, 28, 28, BASE, 0)} with one residual block per level, no dropout, 1 + 1 input channels.
 */
public final class TrainSr3 {
    private TrainSr3() {
    }

    public static void main(String[] a) throws Exception {
        int factor = Integer.parseInt(a[0]);
        int steps = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        int base = Integer.parseInt(a[3]);
        long seed = Long.parseLong(a[4]);
        Path out = Path.of(a[5]);
        ImageSet train = FashionMnist.bundled().load(FashionMnist.Split.TRAIN);
        UNetSpec spec = new UNetSpec(1, 28, 28, base, new int[] {1, 2, 2}, 1, new int[] {2}, 8, 0, 0, 1, 1);
        TrainConfig config = TrainConfig.defaults(steps, batch, seed).withLr(1e-3).withEma(0.999);
        long t0 = System.nanoTime();
        double[] avg = {Double.NaN};
        try (NDManager m = Engines.newManager();
             Sr3 sr3 = Sr3.train(train, spec, factor, config, m, s -> {
                 avg[0] = Double.isNaN(avg[0]) ? s.loss() : 0.98 * avg[0] + 0.02 * s.loss();
                 if (s.step() % 100 == 0 || s.step() == s.total()) {
                     System.out.printf(Locale.ROOT, "step %d/%d loss(avg) %.4f  %.1f s%n", s.step(), s.total(), avg[0],
                             (System.nanoTime() - t0) / 1e9);
                 }
             })) {
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("command", "TrainSr3 " + String.join(" ", a));
            meta.put("data", "bundled Fashion-MNIST training subset (10,000 images)");
            meta.put("steps", String.valueOf(steps));
            meta.put("batch", String.valueOf(batch));
            meta.put("seed", String.valueOf(seed));
            meta.put("final_loss_ema", String.format(Locale.ROOT, "%.4f", avg[0]));
            meta.put("wall_seconds", String.format(Locale.ROOT, "%.0f", wall));
            meta.put("cpu_seconds", String.format(Locale.ROOT, "%.0f", cpu));
            sr3.save(out, meta);
            System.out.printf(Locale.ROOT, "wrote %s: %,d parameters, wall %.0f s, CPU %.0f s%n", out,
                    sr3.network().parameterCount(), wall, cpu);
        }
    }
}
