/**
 * Progressive distillation (Salimans &amp; Ho 2022): a student learns to take one deterministic DDIM step where its
 * teacher took two, so each round halves the sampling steps. The loss is a {@link io.diffusion4j.objective.TrainingLoss},
 * so a round trains like any run (optimiser, EMA, atomic checkpoints, exact resume).
 */
package io.diffusion4j.distill;
