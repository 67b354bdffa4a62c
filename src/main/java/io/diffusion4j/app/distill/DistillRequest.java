package io.diffusion4j.app.distill;

import java.nio.file.Path;

/**
 * What {@code d4j distill} was asked for.
 *
 * @param teacher        the run to distil (a discrete network run on point data)
 * @param teacherSteps   the teacher's DDIM step count in round 1 (trailing grid); each round halves it
 * @param rounds         the number of rounds K: the last student takes teacherSteps / 2^K steps
 * @param stepsPerRound  training steps of each round
 * @param batch          batch size (null: the teacher's)
 * @param lr             learning rate (null: the teacher's)
 * @param seed           seed of every round
 * @param out            folder of the rounds: OUT/round-1 … OUT/round-K (and OUT/round-0 when guided)
 * @param guidance       guided distillation's weights w (null: unguided)
 */
public record DistillRequest(Path teacher, int teacherSteps, int rounds, int stepsPerRound, Integer batch, Double lr,
                             long seed, Path out, io.diffusion4j.distill.GuidanceRange guidance) {

    public DistillRequest {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be >= 1, got " + rounds);
        }
        if (rounds > 20 || teacherSteps < 2 || teacherSteps % (1 << rounds) != 0) {
            throw new IllegalArgumentException("--teacher-steps " + teacherSteps + " must be halved exactly --rounds " + rounds
                    + " times (each student takes half its teacher's steps), e.g. --teacher-steps 64 --rounds 4 for 4 steps");
        }
        io.diffusion4j.limits.Limits.require("--steps-per-round", stepsPerRound, 1, io.diffusion4j.limits.Limits.MAX_TRAIN_STEPS);
        if (batch != null) {
            io.diffusion4j.limits.Limits.require("--batch", batch, 1, io.diffusion4j.limits.Limits.MAX_BATCH);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + lr);
        }
    }

    /** The student's step count after {@code round} rounds. */
    public int studentSteps(int round) {
        return teacherSteps >> round;
    }
}
