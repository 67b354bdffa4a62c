package io.diffusion4j.cli;

import io.diffusion4j.app.image.ImageDemo;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.app.toy.ToyDemo;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code d4j demo}: the main job. By default the image demo (a class-conditional U-Net on the bundled Fashion-MNIST
 * subset, 11–20 minutes on 2 cores depending on the machine); {@code --toy} runs the 2-D demo (two moons, about a minute).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a class-conditional U-Net on the bundled Fashion-MNIST subset (11–20 min on 2 cores), sample every class"
                + " with DDIM and classifier-free guidance, write runs/demo/{grid.png,strip.png,loss.png,report.md} (a run directory)."
                + " --toy: the 2-D demo on two moons (about a minute).")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--toy", description = "the 2-D demo (two moons, about a minute)")
    boolean toy;
    @Option(names = "--images", hidden = true, description = "the image demo (the default; kept for old scripts)")
    boolean images;
    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--steps", description = "training steps (default: 6000 for --toy, the image demo's budget otherwise)")
    Integer steps;
    @Option(names = "--seed", defaultValue = "0", description = "seed of the whole demo; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        if (steps != null) {
            Limits.require("--steps", steps, 1, Limits.MAX_TRAIN_STEPS);
        }
        if (toy && images) {
            throw new IllegalArgumentException("choose one of --toy and --images");
        }
        ToyDemo.prepare(out);
        if (toy) {
            int s = steps == null ? 6000 : steps;
            try (Progress p = new Progress("train", s)) {
                ToyDemo.Result r = ToyDemo.run(out, s, seed, p.training());
                p.close();
                System.out.println(r.summary());
            }
            return 0;
        }
        ImageDemo.Options o = ImageDemo.Options.defaults().withSeed(seed);
        if (steps != null) {
            o = o.withSteps(steps);
        }
        try (Progress p = new Progress("train", o.steps())) {
            ImageDemo.Result r = ImageDemo.run(out, o, p.training(), line -> System.err.println("d4j: " + line));
            p.close();
            System.out.println(r.summary());
        }
        return 0;
    }
}
