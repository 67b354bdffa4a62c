package io.diffusion4j.cli;

import io.diffusion4j.app.distill.DistillRequest;
import io.diffusion4j.app.distill.DistillService;
import io.diffusion4j.app.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code d4j distill}: parses the options into a {@link DistillRequest} and runs {@link DistillService}. */
@Command(name = "distill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Progressive distillation (Salimans & Ho 2022): halve a run's DDIM steps per round; "
                + "'d4j sample --run OUT/round-K' then samples the student with its own step count. With --guided "
                + "(Meng et al. 2023) the student takes the guidance weight w as an input: one evaluation per step at any w.")
final class DistillCommand implements Callable<Integer> {
    @Option(names = "--teacher", required = true, description = "the run to distil (point or image data, discrete time; v-prediction recommended)")
    Path teacher;
    @Option(names = "--teacher-steps", defaultValue = "64", description = "the teacher's DDIM steps in round 1 (trailing grid); default ${DEFAULT-VALUE}")
    int teacherSteps;
    @Option(names = "--rounds", required = true, description = "rounds K: the last student takes teacher-steps / 2^K steps")
    int rounds;
    @Option(names = "--steps-per-round", defaultValue = "2000", description = "training steps of each round; default ${DEFAULT-VALUE}")
    int stepsPerRound;
    @Option(names = "--batch", description = "batch size (default: the teacher's)")
    Integer batch;
    @Option(names = "--lr", description = "Adam learning rate (default: the teacher's)")
    Double lr;
    @Option(names = "--seed", defaultValue = "0", description = "seed of every round; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--guided", description = "distil classifier-free guidance too (class-conditional image runs): round 0"
            + " teaches a student that takes w the teacher's guided output, then the rounds halve its steps")
    boolean guided;
    @Option(names = "--w-range", paramLabel = "MIN,MAX", description = "with --guided: the guidance weights w the student"
            + " learns, drawn uniformly per sample (default 0,4)")
    String wRange;
    @Option(names = "--out", required = true, description = "folder of the rounds: OUT/round-1 … OUT/round-K (run again to resume)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (wRange != null && !guided) {
            throw new IllegalArgumentException("--w-range applies to guided distillation; add --guided or drop --w-range");
        }
        DistillRequest r = new DistillRequest(teacher, teacherSteps, rounds, stepsPerRound, batch, lr, seed, out,
                guided ? io.diffusion4j.distill.GuidanceRange.parse(wRange == null ? "0,4" : wRange) : null);
        try (Progress p = new Progress("distill", 0)) {
            System.out.println(DistillService.run(r, total -> p.restart(total).training(), line -> {
                p.close();
                System.err.println("d4j: " + line);
            }));
        }
        return 0;
    }
}
