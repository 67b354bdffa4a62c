package io.diffusion4j.run;

import io.diffusion4j.distill.GuidanceRange;

/**
 * What a distilled student records about its origin (config.json's {@code distilled} block): the teacher run it was
 * distilled from, the round (1 = from the original model; 0 = the guided stage that teaches a student the teacher's
 * classifier-free-guided output), the DDIM step count it was trained for on the schedule's trailing grid, which
 * {@code d4j sample} uses by default, and for a guided student the guidance weights it was trained for (null
 * otherwise).
 */
public record Distilled(String teacher, int round, int steps, GuidanceRange guidance) {

    public Distilled {
        if (teacher == null || teacher.isBlank() || round < 0 || steps < 1 || (round == 0 && guidance == null)) {
            throw new IllegalArgumentException("config.json: 'distilled' needs a teacher, round >= 1 (0 for a guided"
                    + " student's first stage) and steps >= 1");
        }
    }

    /**
     * Checks a sampling step count: a halving round's student never learned more steps than it was distilled for
     * (round 0, the guided stage, learned every level).
     */
    public void requireSteps(int s) {
        if (round > 0 && s > steps) {
            throw new IllegalArgumentException("this student was distilled for " + steps + " DDIM steps; --steps " + s
                    + " asks for steps it never learned (sample its teacher " + teacher + " for more)");
        }
    }

    /** Checks a guidance weight: inside a guided student's range; none (0) for an unguided one. */
    public void requireGuidance(double w) {
        if (guidance != null && !guidance.contains(w)) {
            throw new IllegalArgumentException("this guided student was distilled for guidance weights in [" + guidance
                    + "]; pick --guidance in that range (w = " + w + " was never learned)");
        }
        if (guidance == null && w > 0) {
            throw new IllegalArgumentException("this student was distilled without guidance, so its unconditional output was"
                    + " never distilled; drop --guidance, or distil a guided student with 'd4j distill --guided'");
        }
    }

    /** An unguided student. */
    public Distilled(String teacher, int round, int steps) {
        this(teacher, round, steps, null);
    }
}
