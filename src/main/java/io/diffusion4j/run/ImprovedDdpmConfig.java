package io.diffusion4j.run;

import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.PriorKind;
import io.diffusion4j.objective.LossKind;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TimestepSampling;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;

/**
 * The likelihood-related training choices of a discrete run (Nichol &amp; Dhariwal 2021; Lee et al. 2022), as stored in
 * config.json's {@code improved} block: the reverse variance (fixed-small β̃, fixed-large β or learned), the loss
 * (simple, hybrid or vlb), the timestep sampling (uniform or importance) and the prior (standard N(0, I) on the data as
 * given, or PriorGrad's N(μ, diag σ²), i.e. training in the per-dimension standardised space). Runs written before
 * these options existed have no such block and read as {@link #DEFAULT}.
 */
public record ImprovedDdpmConfig(ReverseVariance variance, LossKind loss, TimestepSampling tSampling, PriorKind prior) {
    /** Ho et al.'s DDPM: β̃, L_simple, uniform t, with the toolkit's per-dimension standardisation (PriorGrad's prior). */
    public static final ImprovedDdpmConfig DEFAULT = new ImprovedDdpmConfig(ReverseVariance.FIXED_SMALL, LossKind.SIMPLE,
            TimestepSampling.UNIFORM, PriorKind.PRIORGRAD);

    /** Checks the combination (a hybrid loss needs a learned variance: one-line error). */
    public ImprovedDdpmConfig {
        loss.checkVariance(variance);
    }

    /** The choices by name (--variance, --loss, --t-sampling, --prior). */
    public static ImprovedDdpmConfig parse(String variance, String loss, String tSampling, String prior) {
        return new ImprovedDdpmConfig(ReverseVariance.parse(variance), LossKind.parse(loss), TimestepSampling.parse(tSampling),
                PriorKind.parse(prior));
    }

    /** The stored block, or {@link #DEFAULT} for older runs. */
    public static ImprovedDdpmConfig of(RunConfig cfg) {
        return cfg.improved() == null ? DEFAULT : cfg.improved();
    }

    /** A new timestep sampler for T steps (importance sampling holds state, so each training needs its own). */
    public TimestepSampler timesteps(int T) {
        return tSampling.build(T);
    }

    /** The training loss for this run's schedule, drawing t from {@code timesteps}. */
    public TrainingLoss trainingLoss(Schedule schedule, Parametrization p, LossWeighting weighting, Decoder decoder,
                                     TimestepSampler timesteps) {
        return loss.build(schedule, p, variance, timesteps, weighting, decoder);
    }

    /** The same choices with another prior. */
    public ImprovedDdpmConfig withPrior(PriorKind p) {
        return new ImprovedDdpmConfig(variance, loss, tSampling, p);
    }

    /** True when variance, loss and timestep sampling are DDPM's (whatever the prior). */
    public boolean isDdpm() {
        return withPrior(DEFAULT.prior).equals(DEFAULT);
    }
}
