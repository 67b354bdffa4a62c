package io.diffusion4j.objective;

import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.naming.Names;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;

import java.util.Locale;

/**
 * The training losses by the names config.json stores: L_simple (Ho et al. 2020, eq. 14) with a weighting, the
 * hybrid L_simple + λ L_vlb that trains a learned variance (Nichol &amp; Dhariwal 2021, eq. 16), and L_vlb alone.
 */
public enum LossKind {
    SIMPLE, HYBRID, VLB;

    /** The stored name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The loss of that name; a one-line error listing every name otherwise. */
    public static LossKind parse(String name) {
        return NAMES.parse(name);
    }

    /** simple, hybrid, vlb. */
    public static final Names<LossKind> NAMES = Names.of("--loss",
            Names.entry(SIMPLE, "simple"), Names.entry(HYBRID, "hybrid"), Names.entry(VLB, "vlb"));

    /** Checks that this loss trains {@code variance}: a learned variance needs L_vlb, and hybrid needs a learned one. */
    public void checkVariance(ReverseVariance variance) {
        if (this == SIMPLE && variance.learned()) {
            throw new IllegalArgumentException("--variance learned is trained by the variational term; use --loss hybrid or vlb");
        }
        if (this == HYBRID && !variance.learned()) {
            throw new IllegalArgumentException("--loss hybrid trains only a learned variance through L_vlb; "
                    + "add --variance learned or use --loss simple");
        }
    }

    /** The loss itself, drawing t from {@code timesteps}. Importance sampling is meant for vlb but stays unbiased. */
    public TrainingLoss build(Schedule schedule, Parametrization parametrization, ReverseVariance variance,
                              TimestepSampler timesteps, LossWeighting weighting, Decoder decoder) {
        checkVariance(variance);
        return switch (this) {
            case SIMPLE -> new DenoisingObjective(schedule, parametrization, weighting, timesteps);
            case HYBRID -> HybridLoss.hybrid(schedule, parametrization, timesteps, decoder);
            case VLB -> HybridLoss.vlb(schedule, parametrization, variance, timesteps, decoder);
        };
    }
}
