package io.diffusion4j.cli;

import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.plot.Plots;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.ScheduleSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code d4j schedule}: print a schedule's terminal values, as text or JSON, and optionally plot it. */
@Command(name = "schedule", mixinStandardHelpOptions = true, description = "Show a noise schedule (terminal SNR, √ᾱ_T; a plot of ᾱ_t and √ᾱ_t).")
final class ScheduleCommand implements Callable<Integer> {
    @Option(names = "--name", defaultValue = "linear", description = "linear|scaled-linear|quadratic|sigmoid|cosine|constant "
            + "(diffusers' scaled_linear and squaredcos_cap_v2 too); default ${DEFAULT-VALUE}")
    String name;
    @Option(names = "--T", defaultValue = "1000", description = "number of steps; default ${DEFAULT-VALUE}")
    int T;
    @Option(names = "--beta-start", description = "first β (default per schedule)")
    Double betaStart;
    @Option(names = "--beta-end", description = "last β (default per schedule)")
    Double betaEnd;
    @Option(names = "--zero-terminal-snr", description = "rescale to SNR(T) = 0 (Lin et al. 2024)")
    boolean zeroTerminalSnr;
    @Option(names = "--json", description = "print JSON")
    boolean json;
    @Option(names = "--plot", description = "write a PNG of ᾱ_t and √ᾱ_t over t = 1..T")
    Path plot;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableFile(plot, "--plot");
        if (plot != null && !plot.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--plot must name a .png file, got " + plot);
        }
        Limits.require("--T", T, 1, Limits.MAX_T);
        Schedule s = new ScheduleSpec(name, T, betaStart, betaEnd, zeroTerminalSnr).build();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", s.name());
        out.put("T", s.T());
        out.put("snr_T", s.snr(s.T()));
        out.put("sqrt_alpha_bar_T", s.sqrtAlphaBar(s.T()));
        out.put("beta_1", s.beta(1));
        out.put("beta_T", s.beta(s.T()));
        if (json) {
            System.out.println(new com.google.gson.Gson().toJson(out));
        } else {
            out.forEach((k, v) -> System.out.println(k + " = " + (v instanceof Double d ? String.format(Locale.ROOT, "%.6e", d) : v)));
        }
        if (plot != null) {
            double[] t = new double[s.T()];
            double[] ab = new double[s.T()];
            double[] sq = new double[s.T()];
            for (int i = 1; i <= s.T(); i++) {
                t[i - 1] = i;
                ab[i - 1] = s.alphaBar(i);
                sq[i - 1] = s.sqrtAlphaBar(i);
            }
            Plots.lines(plot, s.name() + " (T=" + s.T() + ")", "t", "value",
                    List.of(new Plots.Series("alpha_bar", t, ab), new Plots.Series("sqrt(alpha_bar)", t, sq)), false, false);
        }
        return 0;
    }
}
