package io.diffusion4j.tools;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ConditionalSampling;
import io.diffusion4j.app.image.DdimTable;
import io.diffusion4j.app.image.FidFmnist;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluations of a trained image-demo U-Net (its {@code model.safetensors}, base width given): the DDIM table, the
 * classifier-free guidance sweep, and classifier guidance of the unconditional (null-class) model with a noisy
 * classifier. Usage:
 * <pre>
 * ImageEval ddim MODEL BASE N STEPS(10,20,50) ETAS(0,0.5,1)
 * ImageEval cfg  MODEL BASE N WEIGHTS(0,1,3) STEPS
 * ImageEval cg   MODEL BASE N SCALES(0,1,3) STEPS NOISY_CLASSIFIER
 * </pre>
 */
public final class ImageEval {
    private ImageEval() {
    }

    public static void main(String[] a) throws Exception {
        String mode = a[0];
        Path model = Path.of(a[1]);
        int base = Integer.parseInt(a[2]);
        int n = Integer.parseInt(a[3]);
        FashionMnist.Source s = FashionMnist.bundled();
        ImageSet train = s.load(FashionMnist.Split.TRAIN);
        ImageSet test = s.load(FashionMnist.Split.TEST);
        UNetSpec spec = ImageTraining.unet(train, base, true, 0);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 0)) {
            Map<String, float[]> w = new LinkedHashMap<>();
            Safetensors.read(model).tensors().forEach((k, v) -> w.put(k, v.data()));
            net.load(w);
            FidFmnist fid = FidFmnist.load(m, train, test);
            NoiseSource noise = new NoiseSource(20240601);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
            }
            long t0 = System.nanoTime();
            switch (mode) {
                case "ddim" -> {
                    DdimTable.Table t = DdimTable.evaluate(new ConditionalSampling(net, Parametrization.EPS, 0, null, 0, true),
                            schedule, ints(a[4]), doubles(a[5]), n, 10, fid, noise, DdimTable.DEFAULT_RESAMPLES,
                            c -> System.out.println("cell " + c));
                    System.out.println(t.markdown());
                    System.out.println(io.diffusion4j.io.Reports.toJson(t));
                }
                case "cfg", "cg" -> {
                    TimeGrid grid = TimeGrid.of(schedule, Integer.parseInt(a[5]), Spacing.UNIFORM);
                    NetworkClassifier noisy = mode.equals("cg") ? NetworkClassifier.load(m, Path.of(a[6])) : null;
                    System.out.println("| " + (mode.equals("cfg") ? "w" : "s") + " | FID-FMNIST | accuracy | seconds |\n|---|---|---|---|");
                    ImageSet last = null;
                    for (double v : doubles(a[4])) {
                        long t1 = System.nanoTime();
                        ConditionalSampling cs = mode.equals("cfg")
                                ? new ConditionalSampling(net, Parametrization.EPS, v, null, 0, true)
                                : new ConditionalSampling(net, Parametrization.EPS, 0, noisy, v, true, true);
                        last = cs.sample(labels, n, new DdimSampler(0), grid, noise.fork(0), 100);
                        System.out.printf(Locale.ROOT, "| %.1f | %.2f | %.1f %% | %.0f |%n", v, fid.fid(last),
                                100 * fid.classifier().accuracy(last, labels), (System.nanoTime() - t1) / 1e9);
                    }
                    System.out.println(fid.report(last, noise.fork(1)));
                }
                default -> throw new IllegalArgumentException("mode must be ddim, cfg or cg");
            }
            System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
