package io.diffusion4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Arrays;
import java.util.Locale;

/**
 * bench/unet: the U-Net's training step (batch 64, 28×28, class-conditional with label dropout, Adam + clipping +
 * EMA) and DDIM-50 sampling of 64 images, against the same U-Net in PyTorch ({@code bench/unet/unet_torch.py},
 * Debian's python3-torch) in the same run, with the same thread count; also the training step's achieved GFLOP/s
 * (analytic count of convolution, linear and attention FLOPs, ×3 for forward + backward) beside the measured
 * matrix-multiply peak. Usage: {@code UNetBench [base=32] [repeats=5] [rounds=3]}: the two sides alternate for
 * {@code rounds} rounds (ours, then the twin, each round), and the table gives medians, the ratio as the median of
 * the per-round ratios. Run with the engine's thread count set to the same value as the twin's (2 by default, the
 * core count here). Our side runs as the library ships: one batch chunk per thread (BatchParallel and
 * DataParallelStep); {@code -Dd4j.batch.parallel=false} (D4J_JAVA_OPTS in run.sh) times libtorch's intra-op threads.
 */
public final class UNetBench {
    private UNetBench() {
    }

    public static void main(String[] args) throws Exception {
        int base = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        UNetSpec spec = UNetSpec.of(1, 28, 28, base, 10).withDropout(0);
        ImageSet train = FashionMnist.bundled().load(FashionMnist.Split.TRAIN);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        double[][] ours = new double[rounds][];
        double[][] twin = new double[rounds][];
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 0);
             Trainer trainer = new Trainer(net, ImageTraining.loss(schedule, Parametrization.EPS, LossWeighting.NONE, spec),
                     ImageTraining.batches(train, spec), TrainConfig.defaults(rounds * repeats + 1, 64, 0).withWarmup(0))) {
            double peak = matmulPeak(m);
            float[] labels = new float[64];
            for (int i = 0; i < 64; i++) {
                labels[i] = i % 10;
            }
            NetworkDenoiser d = new NetworkDenoiser(net, Parametrization.EPS, m.create(labels));
            NoiseSource noise = new NoiseSource(1);
            trainer.trainStep(); // warm-up
            ddim(d, TimeGrid.of(schedule, 2, Spacing.UNIFORM), spec, noise, m);
            System.out.printf(Locale.ROOT, "diffusion4j: U-Net base %d, %,d parameters, %d threads%n", base, net.parameterCount(), threads);
            System.out.printf(Locale.ROOT, "batch split (one chunk per thread, -Dd4j.batch.parallel): %s%n",
                    !"false".equalsIgnoreCase(System.getProperty("d4j.batch.parallel")) ? "on" : "off");
            System.out.printf(Locale.ROOT, "environment (the twin inherits it): OMP_WAIT_POLICY=%s GOMP_SPINCOUNT=%s MALLOC_ARENA_MAX=%s"
                            + " MALLOC_MMAP_THRESHOLD_=%s MALLOC_TRIM_THRESHOLD_=%s%n", System.getenv("OMP_WAIT_POLICY"), System.getenv("GOMP_SPINCOUNT"),
                    System.getenv("MALLOC_ARENA_MAX"), System.getenv("MALLOC_MMAP_THRESHOLD_"), System.getenv("MALLOC_TRIM_THRESHOLD_"));
            double flops = 3 * 64 * forwardFlops(spec);
            System.out.printf(Locale.ROOT, "matmul peak (2048², DJL): %.1f GFLOP/s%n", peak / 1e9);
            // the two sides alternate, round by round, so drift in a shared machine's speed falls on both alike
            for (int r = 0; r < rounds; r++) {
                double[] t = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    trainer.trainStep();
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
                ours[r] = new double[] {median(t), ddim(d, TimeGrid.of(schedule, 50, Spacing.UNIFORM), spec, noise, m)};
                twin[r] = runTwin(base, threads, repeats);
                System.out.printf(Locale.ROOT, "round %d: training step %.3f s (%.1f GFLOP/s, %.0f%% of peak) vs %.3f s, %.2f×;"
                                + " DDIM-50 %.2f s vs %.2f s, %.2f×%n", r + 1, ours[r][0], flops / ours[r][0] / 1e9,
                        100 * flops / ours[r][0] / peak, twin[r][0], twin[r][0] / ours[r][0], ours[r][1], twin[r][1],
                        twin[r][1] / ours[r][1]);
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians of %d alternating rounds (ratio: median of the per-round ratios, PyTorch time / ours)%n", rounds);
        System.out.printf(Locale.ROOT, "| | diffusion4j | PyTorch | ratio (PyTorch time / ours) |%n|---|---|---|---|%n");
        String[] rows = {"training step, batch 64", "DDIM-50, 64 images"};
        for (int k = 0; k < 2; k++) {
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                a[r] = ours[r][k];
                b[r] = twin[r][k];
                ratio[r] = b[r] / a[r];
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f s | %.3f s | %.2f× |%n", rows[k], median(a), median(b), median(ratio));
        }
    }

    /** Seconds for one DDIM (η = 0) run over {@code grid} from fresh noise for 64 images, in its own scope. */
    private static double ddim(NetworkDenoiser d, TimeGrid grid, UNetSpec spec, NoiseSource noise, NDManager m) {
        try (NDManager s = m.newSubManager()) {
            NDArray xT = noise.normal(s, spec.sampleShape(64));
            long t0 = System.nanoTime();
            new DdimSampler(0).sample(d, grid, xT, noise, StepListener.NONE).toFloatArray();
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** One run of the PyTorch twin: {training step seconds, DDIM-50 seconds}. */
    private static double[] runTwin(int base, int threads, int repeats) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "bench/unet/unet_torch.py", String.valueOf(base),
                String.valueOf(threads), String.valueOf(repeats)).redirectErrorStream(true).start();
        String json = "";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = r.readLine()) != null; ) {
                json = line.startsWith("{") ? line : json;
                if (!line.startsWith("{")) {
                    System.out.println("python: " + line);
                }
            }
        }
        p.waitFor();
        System.out.println("pytorch twin: " + json);
        return new double[] {number(json, "train_step_s"), number(json, "ddim50_64_s")};
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double number(String json, String key) {
        int i = json.indexOf("\"" + key + "\":");
        if (i < 0) {
            return Double.NaN;
        }
        String rest = json.substring(i + key.length() + 3).trim();
        int end = 0;
        while (end < rest.length() && "0123456789.eE-+".indexOf(rest.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(rest.substring(0, end));
    }

    /** Best of five 2048×2048 float32 products: 2n³ FLOPs each. */
    static double matmulPeak(NDManager m) {
        int n = 2048;
        NoiseSource noise = new NoiseSource(2);
        double best = 0;
        try (NDManager s = m.newSubManager()) {
            NDArray a = noise.normal(s, new Shape(n, n));
            NDArray b = noise.normal(s, new Shape(n, n));
            a.matMul(b).close();
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0);
                best = Math.max(best, 2.0 * n * n * n / ((System.nanoTime() - t0) / 1e9));
                c.close();
            }
        }
        return best;
    }

    /** Multiply-add FLOPs (×2) of one image through the U-Net: convolutions, linear layers and attention products. */
    static double forwardFlops(UNetSpec spec) {
        int base = spec.base();
        int emb = spec.embedDim();
        int[] mult = spec.mult();
        double f = 2.0 * (base * emb + emb * emb + (spec.classes() + 1) * emb);
        int h = spec.height();
        int w = spec.width();
        f += conv(spec.channels(), base, 3, h, w);
        java.util.ArrayDeque<Integer> skips = new java.util.ArrayDeque<>();
        skips.push(base);
        int ch = base;
        int[] hs = new int[mult.length];
        int[] ws = new int[mult.length];
        for (int i = 0; i < mult.length; i++) {
            hs[i] = h;
            ws[i] = w;
            for (int j = 0; j < spec.resBlocks(); j++) {
                f += res(ch, base * mult[i], emb, h, w);
                ch = base * mult[i];
                f += spec.attentionAt(i) ? attention(ch, h, w) : 0;
                skips.push(ch);
            }
            if (i < mult.length - 1) {
                h = (h + 1) / 2;
                w = (w + 1) / 2;
                f += conv(ch, ch, 3, h, w);
                skips.push(ch);
            }
        }
        f += 2 * res(ch, ch, emb, h, w) + attention(ch, h, w);
        for (int i = mult.length - 1; i >= 0; i--) {
            for (int j = 0; j <= spec.resBlocks(); j++) {
                f += res(ch + skips.pop(), base * mult[i], emb, hs[i], ws[i]);
                ch = base * mult[i];
                f += spec.attentionAt(i) ? attention(ch, hs[i], ws[i]) : 0;
            }
            if (i > 0) {
                f += conv(ch, ch, 3, hs[i - 1], ws[i - 1]);
            }
        }
        return f + conv(ch, spec.channels(), 3, spec.height(), spec.width());
    }

    private static double conv(int in, int out, int k, int h, int w) {
        return 2.0 * in * out * k * k * h * w;
    }

    private static double res(int in, int out, int emb, int h, int w) {
        return conv(in, out, 3, h, w) + conv(out, out, 3, h, w) + (in != out ? conv(in, out, 1, h, w) : 0) + 2.0 * emb * out;
    }

    private static double attention(int c, int h, int w) {
        double n = (double) h * w;
        return conv(c, 3 * c, 1, h, w) + conv(c, c, 1, h, w) + 2 * 2.0 * n * n * c;
    }
}
