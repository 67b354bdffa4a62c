package io.diffusion4j.cli;

import io.diffusion4j.run.ToyDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code d4j demo}: the main job on the embedded default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train on two moons for about a minute, sample with DDIM, write runs/demo/{samples.png,loss.png,report.md}.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--toy", description = "the 2-D demo (two moons)")
    boolean toy;
    @Option(names = "--out", defaultValue = "runs/demo", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--steps", defaultValue = "6000", description = "training steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Override
    public Integer call() throws Exception {
        try (Progress p = new Progress("train", steps)) {
            ToyDemo.Result r = ToyDemo.run(out, steps, seed, p.training());
            p.close();
            System.out.println(r.summary());
        }
        return 0;
    }
}
