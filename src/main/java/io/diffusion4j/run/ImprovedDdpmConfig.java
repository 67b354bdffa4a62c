package io.diffusion4j.run;

import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.PriorGrad;
import io.diffusion4j.likelihood.ReverseVariance;
import io.diffusion4j.objective.LossKind;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.objective.TimestepSampling;
import io.diffusion4j.objective.TrainingLoss;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;

/**
 * The likelihood-related training choices of a discrete run (Nichol &amp; Dhariwal 2021; Lee et al. 2022), as stored in
 * config.json: the reverse variance (fixed-small β̃, fixed-large β or learned), the loss (simple, hybrid or vlb), the
 * timestep sampling (uniform or importance) and the prior (standard N(0, I) on the data as given, or PriorGrad's
 * N(μ, diag σ²), i.e. training in the per-dimension standardised space). Runs written before these options existed
 * have no such block and read as {@link #DEFAULT}.
 */
public record ImprovedDdpmConfig(String variance, String loss, String tSampling, String prior) {
    /** Ho et al.'s DDPM: β̃, L_simple, uniform t, with the toolkit's per-dimension standardisation (PriorGrad's prior). */
    public static final ImprovedDdpmConfig DEFAULT = new ImprovedDdpmConfig("fixed-small", "simple", "uniform", "priorgrad");

    /** Normalises the names and checks the combination (one-line errors). */
    public ImprovedDdpmConfig {
        variance = ReverseVariance.parse(variance).id();
        tSampling = TimestepSampling.parse(tSampling).id();
        prior = PriorGrad.NAMES.parse(prior);
        LossKind kind = LossKind.parse(loss);
        kind.checkVariance(ReverseVariance.parse(variance));
        loss = kind.id();
    }

    /** The stored block, or {@link #DEFAULT} for older runs. */
    public static ImprovedDdpmConfig of(RunConfig cfg) {
        return cfg.improved() == null ? DEFAULT : cfg.improved();
    }

    public ReverseVariance reverseVariance() {
        return ReverseVariance.parse(variance);
    }

    /** A new timestep sampler for T steps (importance sampling holds state, so each training needs its own). */
    public TimestepSampler timesteps(int T) {
        return TimestepSampling.parse(tSampling).build(T);
    }

    /** The training loss for this run's schedule, drawing t from {@code timesteps}. */
    public TrainingLoss trainingLoss(Schedule schedule, Parametrization p, LossWeighting weighting, Decoder decoder,
                                     TimestepSampler timesteps) {
        return LossKind.parse(loss).build(schedule, p, reverseVariance(), timesteps, weighting, decoder);
    }

    /** The same choices with another prior. */
    public ImprovedDdpmConfig withPrior(String p) {
        return new ImprovedDdpmConfig(variance, loss, tSampling, p);
    }

    public boolean isDefault() {
        return equals(DEFAULT);
    }
}
