package io.diffusion4j.run;

/**
 * What a distilled student records about its origin (config.json's {@code distilled} block): the teacher run it was
 * distilled from, the round (1 = from the original model), and the DDIM step count it was trained for on the
 * schedule's trailing grid, which {@code d4j sample} uses by default.
 */
public record Distilled(String teacher, int round, int steps) {

    public Distilled {
        if (teacher == null || teacher.isBlank() || round < 1 || steps < 1) {
            throw new IllegalArgumentException("config.json: 'distilled' needs a teacher, round >= 1 and steps >= 1");
        }
    }
}
