package io.diffusion4j.cli;

import io.diffusion4j.sampler.AnnealedLangevinSampler;
import io.diffusion4j.sampler.DpmSolverPlusPlus2M;
import io.diffusion4j.sampler.EulerMaruyamaSampler;
import io.diffusion4j.sampler.PredictorCorrectorSampler;
import io.diffusion4j.sampler.ProbabilityFlowSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.schedule.TimeGrid;
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

class SamplerNamesTest {

    @Test
    void mapsEveryName() {
        Sde vp = SamplerNames.process("vp-sde", 0);
        assertInstanceOf(VpSde.class, vp);
        assertInstanceOf(SubVpSde.class, SamplerNames.process("subvp-sde", 0));
        assertEquals(20, ((VeSde) SamplerNames.process("ve-sde", 20)).sigmaMax());
        Map<String, Class<?>> expected = Map.of("em", EulerMaruyamaSampler.class, "pc", PredictorCorrectorSampler.class,
                "ode-euler", ProbabilityFlowSampler.class, "ode-heun", ProbabilityFlowSampler.class,
                "ode-rk45", ProbabilityFlowSampler.class, "ald", AnnealedLangevinSampler.class,
                "dpmpp-2m", DpmSolverPlusPlus2M.class);
        SamplerNames.Options o = SamplerNames.Options.defaults(12);
        for (String name : SamplerNames.SAMPLERS.split("\\|")) {
            Sampler s = SamplerNames.sampler(name, vp, o);
            assertInstanceOf(expected.get(name), s, name);
            TimeGrid grid = SamplerNames.grid(name, vp, o);
            assertEquals(name.equals("ode-rk45") ? 2 : 12, grid.steps(), name + " grid");
        }
        assertEquals(12 + 11, SamplerNames.sampler("pc", vp, o).nfe(SamplerNames.grid("pc", vp, o)));
        assertEquals(2 * 11 + 1, SamplerNames.sampler("ode-heun", vp, o).nfe(SamplerNames.grid("ode-heun", vp, o)));
    }

    @Test
    void badValuesAreOneLineErrors() {
        assertOneLine(() -> SamplerNames.Options.defaults(0), "--steps");
        assertOneLine(() -> new SamplerNames.Options(10, 0, 1, 1e-5, 1e-5), "--snr");
        assertOneLine(() -> new SamplerNames.Options(10, 0.16, -1, 1e-5, 1e-5), "--corrector-steps");
        assertOneLine(() -> new SamplerNames.Options(10, 0.16, 1, 0, 1e-5), "--rtol");
        assertOneLine(() -> new SamplerNames.Options(10, 0.16, 1, 1e-5, -1), "--atol");
        assertOneLine(() -> SamplerNames.sampler("heun", VpSde.standard(), SamplerNames.Options.defaults(5)), "unknown sampler");
        assertOneLine(() -> SamplerNames.process("vpsde2", 1), "unknown process");
        assertOneLine(() -> SamplerNames.process("ve-sde", 0), "--sigma-max");
    }

    @Test
    void rejectsSdeModelMismatches() {
        Sde ve = VeSde.of(10);
        assertOneLine(() -> SamplerNames.checkCompatible(ve, "ddpm"), "VE prior");
        assertOneLine(() -> SamplerNames.checkCompatible(ve, "vp-sde"), "VE prior");
        assertOneLine(() -> SamplerNames.checkCompatible(VpSde.standard(), "ve-sde"), "--process ve-sde");
        assertOneLine(() -> SamplerNames.checkCompatible(SubVpSde.standard(), "vp-sde"), "--process vp-sde");
        SamplerNames.checkCompatible(SubVpSde.standard(), "ddpm");
        SamplerNames.checkCompatible(ve, "ve-sde");
        SamplerNames.checkCompatible(ve, null);
    }

    private static void assertOneLine(org.junit.jupiter.api.function.Executable e, String mention) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertFalse(x.getMessage().contains("\n"), x.getMessage());
        assertTrue(x.getMessage().contains(mention), "'" + x.getMessage() + "' should mention " + mention);
    }
}
