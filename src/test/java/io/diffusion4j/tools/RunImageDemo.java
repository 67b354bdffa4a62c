package io.diffusion4j.tools;

import io.diffusion4j.app.image.ImageDemo;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Runs the image demo outside the CLI, printing progress every 50 steps with steps/s and ETA. Usage:
 * {@code RunImageDemo OUT_DIR [steps] [fidSamples] [guidance] [seed]}.
 */
public final class RunImageDemo {
    private RunImageDemo() {
    }

    public static void main(String[] args) throws Exception {
        ImageDemo.Options o = ImageDemo.Options.defaults();
        if (args.length > 1) {
            o = o.withSteps(Integer.parseInt(args[1]));
        }
        if (args.length > 2) {
            o = o.withFidSamples(Integer.parseInt(args[2]));
        }
        if (args.length > 3) {
            o = o.withGuidance(Double.parseDouble(args[3]));
        }
        if (args.length > 4) {
            o = o.withSeed(Long.parseLong(args[4]));
        }
        long t0 = System.nanoTime();
        double[] avg = {Double.NaN};
        ImageDemo.Result r = ImageDemo.run(Path.of(args[0]), o, s -> {
            avg[0] = Double.isNaN(avg[0]) ? s.loss() : 0.95 * avg[0] + 0.05 * s.loss();
            if (s.step() % 50 == 0 || s.step() == s.total()) {
                double el = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "step %d/%d loss %.4f  %.2f steps/s  ETA %.0f s%n", s.step(), s.total(), avg[0],
                        s.step() / el, (s.total() - s.step()) * el / s.step());
            }
        }, System.out::println);
        System.out.println(r.summary());
        System.out.printf(Locale.ROOT, "total %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
