package io.diffusion4j.cli;

import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.HybridLoss;
import io.diffusion4j.objective.ImportanceTimestepSampler;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names to objects for the likelihood options, and one-line errors for bad input. */
class LikelihoodNamesTest {
    private static final Schedule S = Schedule.cosine(50, 0.008, 0.999);

    private static void oneLineError(Executable e, String mentions) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertFalse(ex.getMessage().contains("\n"), "one line: " + ex.getMessage());
        assertTrue(ex.getMessage().contains(mentions), ex.getMessage());
    }

    @Test
    void namesMapToTheirObjects() {
        assertSame(ReverseVariance.FIXED_SMALL, LikelihoodNames.variance("fixed-small"));
        assertSame(ReverseVariance.FIXED_LARGE, LikelihoodNames.variance("fixed-large"));
        assertSame(ReverseVariance.LEARNED, LikelihoodNames.variance("learned"));
        assertSame(TimestepSampler.UNIFORM, LikelihoodNames.timesteps("uniform", 50));
        assertInstanceOf(ImportanceTimestepSampler.class, LikelihoodNames.timesteps("importance", 50));
        assertSame(Decoder.DISCRETIZED_8BIT, LikelihoodNames.decoder("discrete"));
        Points data = ToyData.GAUSS.sample(100, new NoiseSource(1));
        assertEquals("priorgrad", LikelihoodNames.prior("priorgrad", data).id());
        assertEquals("standard", LikelihoodNames.prior("standard", data).id());
        TimestepSampler u = TimestepSampler.UNIFORM;
        assertInstanceOf(DenoisingObjective.class,
                LikelihoodNames.loss("simple", S, Parametrization.EPS, ReverseVariance.FIXED_SMALL, u, LossWeighting.NONE, Decoder.GAUSSIAN));
        assertInstanceOf(HybridLoss.class,
                LikelihoodNames.loss("hybrid", S, Parametrization.EPS, ReverseVariance.LEARNED, u, LossWeighting.NONE, Decoder.GAUSSIAN));
        assertInstanceOf(HybridLoss.class,
                LikelihoodNames.loss("vlb", S, Parametrization.EPS, ReverseVariance.FIXED_LARGE, u, LossWeighting.NONE, Decoder.GAUSSIAN));
        LikelihoodNames.NllRequest r = LikelihoodNames.nll("ode", "mlp", 1000, 4);
        assertEquals(LikelihoodNames.NllMethod.ODE, r.method());
        assertEquals(4, r.probes());
    }

    @Test
    void badInputGivesOneLineErrors() {
        TimestepSampler u = TimestepSampler.UNIFORM;
        oneLineError(() -> LikelihoodNames.nll("elbo", "mlp", 100, 0), "--probes");
        oneLineError(() -> LikelihoodNames.nll("elbo", "mlp", 100, -3), "--probes");
        oneLineError(() -> LikelihoodNames.nll("elbo", "gaussian", 100, 1), "no likelihood");
        oneLineError(() -> LikelihoodNames.nll("exact", "mlp", 100, 1), "--method");
        oneLineError(() -> LikelihoodNames.nll("elbo", "mlp", 1, 1), "--n");
        oneLineError(() -> LikelihoodNames.variance("big"), "--variance");
        oneLineError(() -> LikelihoodNames.timesteps("random", 10), "--t-sampling");
        oneLineError(() -> LikelihoodNames.prior("flat", ToyData.GAUSS.sample(10, new NoiseSource(1))), "--prior");
        oneLineError(() -> LikelihoodNames.loss("kl", S, Parametrization.EPS, ReverseVariance.FIXED_SMALL, u, LossWeighting.NONE, Decoder.GAUSSIAN), "--loss");
        oneLineError(() -> LikelihoodNames.loss("hybrid", S, Parametrization.EPS, ReverseVariance.FIXED_SMALL, u, LossWeighting.NONE, Decoder.GAUSSIAN), "--variance learned");
        oneLineError(() -> LikelihoodNames.loss("simple", S, Parametrization.EPS, ReverseVariance.LEARNED, u, LossWeighting.NONE, Decoder.GAUSSIAN), "--loss hybrid");
    }
}
