package io.diffusion4j.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.diffusion4j.app.channel.ChannelSampler;
import io.diffusion4j.app.channel.ChannelType;
import io.diffusion4j.naming.Names;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.sde.ProcessKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diffusers' names parse to the same choices as ours, and an unknown name is one line listing every name. */
class DiffusersNamesTest {

    @Test
    void predictionTypes() {
        assertSame(Parametrization.EPS, Parametrization.parse("epsilon"));
        assertSame(Parametrization.X0, Parametrization.parse("sample"));
        assertSame(Parametrization.V, Parametrization.parse("v_prediction"));
        assertSame(Parametrization.V, Parametrization.parse("V-Prediction"));
        for (Parametrization p : Parametrization.values()) {
            assertSame(p, Parametrization.parse(p.id()));
        }
    }

    @Test
    void betaSchedulesAreStoredUnderOurIds() {
        assertEquals("scaled-linear", ScheduleSpec.of("scaled_linear", 1000).name());
        assertEquals("cosine", ScheduleSpec.of("squaredcos_cap_v2", 1000).name());
        assertEquals("linear", ScheduleSpec.of("LINEAR", 1000).name());
        for (String[] pair : new String[][] {{"scaled_linear", "scaled-linear"}, {"squaredcos_cap_v2", "cosine"}}) {
            double[] a = betas(ScheduleSpec.of(pair[0], 100));
            assertArrayEquals(betas(ScheduleSpec.of(pair[1], 100)), a, 0, pair[0]);
        }
    }

    private static double[] betas(ScheduleSpec spec) {
        var s = spec.build();
        double[] b = new double[s.T()];
        for (int t = 1; t <= s.T(); t++) {
            b[t - 1] = s.beta(t);
        }
        return b;
    }

    @Test
    void varianceTypes() {
        for (String n : new String[] {"fixed_small", "fixed-small", "FIXED_SMALL", "fixed_small_log", "small", "posterior",
                "beta-tilde"}) {
            assertSame(ReverseVariance.FIXED_SMALL, ReverseVariance.parse(n), n);
        }
        for (String n : new String[] {"fixed_large", "fixed-large", "fixed_large_log", "large", "beta"}) {
            assertSame(ReverseVariance.FIXED_LARGE, ReverseVariance.parse(n), n);
        }
        assertSame(ReverseVariance.LEARNED, ReverseVariance.parse("learned_range"));
        assertSame(ReverseVariance.LEARNED, ReverseVariance.parse("learned"));
        for (ReverseVariance v : ReverseVariance.values()) {
            assertSame(v, ReverseVariance.parse(v.id()));
        }
    }

    @Test
    void timestepSpacings() {
        assertSame(Spacing.UNIFORM, Spacing.parse("linspace"));
        assertSame(Spacing.LEADING, Spacing.parse("leading"));
        assertSame(Spacing.TRAILING, Spacing.parse("Trailing"));
        for (Spacing s : Spacing.values()) {
            assertSame(s, Spacing.parse(s.id()));
        }
        assertTrue(Spacing.DESCRIPTION.contains("never starts from pure noise"), Spacing.DESCRIPTION);
    }

    @Test
    void underscoresAndDashesAreOneName() {
        assertSame(ProcessKind.VP, ProcessKind.parse("vp_sde"));
        assertSame(ChannelType.RAYLEIGH_CSI, ChannelType.parse("rayleigh_csi"));
        assertEquals("truncated-snr", LossWeighting.parse("truncated_snr").id());
        assertEquals("min-snr-5", LossWeighting.parse("min_snr_5").id());
    }

    @Test
    void channelSamplerIsDpmpp2mWithTheOldNameKept() {
        for (String n : new String[] {"dpmpp-2m", "dpmpp_2m", "dpm2m"}) {
            assertSame(ChannelSampler.DPM_SOLVER_2M, ChannelSampler.parse(n), n);
        }
        assertEquals("dpmpp-2m", ChannelSampler.DPM_SOLVER_2M.id());
        assertEquals(List.of("ddim", "dpmpp-2m"), ChannelSampler.NAMES.ids());
    }

    @Test
    void unknownNamesListEveryName() {
        List<Names<?>> tables = List.of(Parametrization.NAMES, ScheduleSpec.NAMES, Spacing.NAMES, ReverseVariance.NAMES,
                ChannelSampler.NAMES);
        for (Names<?> names : tables) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> names.parse("bogus"));
            String m = e.getMessage();
            assertFalse(m.contains("\n"), m);
            assertTrue(m.startsWith("unknown ") && m.contains("'bogus'"), m);
            assertTrue(m.contains("use " + names.choices()), m);
            for (String a : names.aliases()) {
                assertTrue(m.contains(a), a + " missing from: " + m);
            }
        }
        assertTrue(Parametrization.NAMES.aliases().containsAll(List.of("epsilon", "sample", "v_prediction")));
        assertTrue(ScheduleSpec.NAMES.aliases().contains("squaredcos_cap_v2"));
        assertTrue(ReverseVariance.NAMES.aliases().contains("learned_range"));
        assertTrue(Spacing.NAMES.aliases().contains("linspace"));
    }

    @Test
    void theCliTakesDiffusersNames() {
        CliTest.Run r = CliTest.d4j("schedule", "--name", "squaredcos_cap_v2", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("cosine", new Gson().fromJson(r.out(), JsonObject.class).get("name").getAsString());
        CliTest.assertUserError(CliTest.d4j("schedule", "--name", "squaredcos"),
                "use linear|scaled-linear|quadratic|sigmoid|cosine|constant (also: squaredcos_cap_v2");
    }
}
