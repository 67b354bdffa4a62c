package io.diffusion4j.sampler;

import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.ProcessKind;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.SubVpSde;
import io.diffusion4j.sde.VeSde;
import io.diffusion4j.sde.VpSde;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerSpecTest {

    @Test
    void mapsEveryName() {
        Sde vp = ProcessKind.parse("vp-sde").build(0);
        assertInstanceOf(VpSde.class, vp);
        assertInstanceOf(SubVpSde.class, ProcessKind.parse("subvp-sde").build(0));
        assertEquals(20, ((VeSde) ProcessKind.parse("ve-sde").build(20)).sigmaMax());
        Map<String, Class<?>> expected = Map.of("em", EulerMaruyamaSampler.class, "pc", PredictorCorrectorSampler.class,
                "ode-euler", ProbabilityFlowSampler.class, "ode-heun", ProbabilityFlowSampler.class,
                "ode-rk45", ProbabilityFlowSampler.class, "ald", AnnealedLangevinSampler.class,
                "dpmpp-2m", DpmSolverPlusPlus2M.class, "ddim", DdimSampler.class, "ddpm", DdpmSampler.class);
        assertEquals(SamplerSpec.NAMES.size(), expected.size(), "every sampler is covered");
        var sched = ScheduleSpec.of("linear", 100).build();
        for (String name : SamplerSpec.NAMES) {
            SamplerSpec spec = name.equals("ode-rk45") ? SamplerSpec.of(name) : SamplerSpec.of(name, 12);
            Sampler s = spec.build(vp, ReverseVariance.FIXED_SMALL);
            assertInstanceOf(expected.get(name), s, name);
            TimeGrid grid = spec.discrete() ? spec.grid(sched) : spec.grid(vp);
            assertEquals(name.equals("ode-rk45") ? 2 : 12, grid.steps(), name + " grid");
        }
        assertEquals(12 + 11, SamplerSpec.of("pc", 12).build(vp, null).nfe(SamplerSpec.of("pc", 12).grid(vp)));
        assertEquals(2 * 11 + 1, SamplerSpec.of("ode-heun", 12).build(vp, null).nfe(SamplerSpec.of("ode-heun", 12).grid(vp)));
        assertEquals("dpmpp-2m", SamplerSpec.of("dpm2m").name(), "the channel tools' name is an alias");
        assertEquals(100, SamplerSpec.of("ddpm").grid(sched).steps(), "ddpm defaults to every step");
        assertEquals(50, SamplerSpec.of("ddim").grid(sched).steps(), "ddim defaults to 50 steps");
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertOneLine(() -> SamplerSpec.of("ddim", 0), "--steps");
        assertOneLine(() -> new SamplerSpec("pc", 10, null, null, null, 0.0, null, null, null), "--snr");
        assertOneLine(() -> new SamplerSpec("pc", 10, null, null, null, null, -1, null, null), "--corrector-steps");
        assertOneLine(() -> new SamplerSpec("ode-rk45", null, null, null, null, null, null, 0.0, null), "--rtol");
        assertOneLine(() -> new SamplerSpec("ode-rk45", null, null, null, null, null, null, null, -1.0), "--atol");
        assertOneLine(() -> SamplerSpec.of("heun"), "ddpm|ddim|em|pc|ode-euler|ode-heun|ode-rk45|ald|dpmpp-2m");
        assertOneLine(() -> ProcessKind.parse("vpsde2"), "unknown process");
        assertOneLine(() -> ProcessKind.parse("ve-sde").build(0), "--sigma-max");
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        assertOneLine(() -> new SamplerSpec("dpmpp-2m", 10, 0.5, null, null, null, null, null, null), "--eta");
        assertOneLine(() -> new SamplerSpec("dpmpp-2m", 10, null, Spacing.QUADRATIC, null, null, null, null, null), "--spacing");
        assertOneLine(() -> new SamplerSpec("ddim", 10, null, null, null, 0.2, null, null, null), "--snr");
        assertOneLine(() -> new SamplerSpec("ddim", 10, null, null, ReverseVariance.FIXED_LARGE, null, null, null, null), "--variance");
        assertOneLine(() -> new SamplerSpec("ddpm", 10, null, null, ReverseVariance.LEARNED, null, null, null, null), "fixed-small");
        assertOneLine(() -> new SamplerSpec("em", 10, null, null, null, null, null, 1e-3, null), "--rtol");
        assertOneLine(() -> SamplerSpec.of("ode-rk45", 10), "--steps");
        new SamplerSpec("ddim", 10, 0.5, Spacing.TRAILING, null, null, null, null, null);
        new SamplerSpec("pc", 10, null, null, null, 0.2, 2, null, null);
    }

    @Test
    void rejectsSdeModelMismatches() {
        Sde ve = VeSde.of(10);
        assertOneLine(() -> SamplerSpec.checkProcess(ve, null, false), "VE prior");
        assertOneLine(() -> SamplerSpec.checkProcess(ve, "vp-sde", false), "VE prior");
        assertOneLine(() -> SamplerSpec.checkProcess(VpSde.standard(), "ve-sde", false), "--process ve-sde");
        assertOneLine(() -> SamplerSpec.checkProcess(SubVpSde.standard(), "vp-sde", false), "--process vp-sde");
        SamplerSpec.checkProcess(SubVpSde.standard(), null, false);
        SamplerSpec.checkProcess(ve, "ve-sde", false);
        SamplerSpec.checkProcess(ve, null, true);
    }

    private static void assertOneLine(org.junit.jupiter.api.function.Executable e, String mention) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertFalse(x.getMessage().contains("\n"), x.getMessage());
        assertTrue(x.getMessage().contains(mention), "'" + x.getMessage() + "' should mention " + mention);
    }
}
