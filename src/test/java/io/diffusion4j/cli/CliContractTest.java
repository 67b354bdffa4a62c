package io.diffusion4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI keeps its word: every option is described, and an option that does not apply is an error. */
class CliContractTest {
    private static final String IMAGE_RUN = "models/fmnist-cond-7500";

    @Test
    void everyOptionOfEverySubcommandHasADescriptionAndShowsItsDefault() {
        List<String> missing = new ArrayList<>();
        walk(new CommandLine(new Main()).getCommandSpec(), missing);
        assertEquals(List.of(), missing, "options without a description, or whose default the help does not show");
    }

    private static void walk(CommandSpec spec, List<String> missing) {
        for (OptionSpec o : spec.options()) {
            String text = String.join(" ", o.description());
            boolean described = !text.isBlank();
            if (!described && !o.usageHelp() && !o.versionHelp()) {
                missing.add(spec.qualifiedName() + " " + o.longestName());
            }
            // a default the option really has is shown in --help (booleans default to off and say what "on" does)
            boolean flag = o.type() == boolean.class || o.type() == Boolean.class;
            if (described && !flag && o.defaultValue() != null && !text.contains("${DEFAULT-VALUE}")
                    && !text.contains(o.defaultValue())) {
                missing.add(spec.qualifiedName() + " " + o.longestName() + " (default " + o.defaultValue() + " not shown)");
            }
        }
        spec.subcommands().values().forEach(c -> walk(c.getCommandSpec(), missing));
    }

    @Test
    void optionsThatDoNotApplyAreOneLineErrors(@TempDir Path dir) {
        String png = dir.resolve("a.png").toString();
        String npy = dir.resolve("a.npy").toString();
        expectRefused("--n", "sample", "--run", IMAGE_RUN, "--class", "3", "--n", "4", "--out", png);
        expectRefused("--grid", "sample", "--run", IMAGE_RUN, "--grid", "2x2", "--out", npy);
        expectRefused("--eta", "sample", "--oracle", "gmm8", "--sampler", "dpmpp-2m", "--eta", "0.5", "--out", npy);
        expectRefused("--spacing", "sample", "--oracle", "gmm8", "--sampler", "dpmpp-2m", "--spacing", "quadratic", "--out", npy);
        expectRefused("--snr", "sample", "--oracle", "gmm8", "--sampler", "ddim", "--snr", "0.2", "--out", npy);
        expectRefused("--process", "sample", "--oracle", "gmm8", "--sampler", "ddim", "--process", "vp-sde", "--out", npy);
        expectRefused("--rtol", "sample", "--oracle", "gmm8", "--sampler", "em", "--rtol", "1e-3", "--out", npy);
        expectRefused("--steps", "sample", "--oracle", "gmm8", "--sampler", "ode-rk45", "--steps", "10", "--out", npy);
        expectRefused("--variance", "sample", "--oracle", "gmm8", "--sampler", "ddim", "--variance", "fixed-large", "--out", npy);
        expectRefused("--sigma-max", "sample", "--oracle", "gmm8", "--sampler", "em", "--sigma-max", "5", "--out", npy);
        expectRefused("not both", "sample", "--run", IMAGE_RUN, "--guidance", "1", "--cfg-scale", "2", "--out", png);
        expectRefused("image runs", "sample", "--oracle", "gmm8", "--guidance", "1", "--out", npy);
        expectRefused("--oracle", "sample", "--run", IMAGE_RUN, "--T", "100", "--out", png);
        expectRefused("--plot", "sample", "--run", IMAGE_RUN, "--plot", png, "--out", png);
        expectRefused("ddpm|ddim|em", "sample", "--oracle", "gmm8", "--sampler", "dpm", "--out", npy);
        assertFalse(Files.exists(dir.resolve("a.png")) || Files.exists(dir.resolve("a.npy")), "nothing is written");
    }

    @Test
    void resumeAcceptsTheRunsOwnOptionsNamesDifferentOnesAndExtendsSteps(@TempDir Path dir) throws Exception {
        String run = dir.resolve("run").toString();
        String[] base = {"train", "--data", "gmm8", "--n-data", "200", "--hidden", "16", "--steps", "4", "--batch", "32",
                "--T", "50", "--checkpoint-every", "2", "--out", run};
        assertEquals(0, CliTest.d4j(base).code());
        String[] again = java.util.Arrays.copyOf(base, base.length + 1);
        again[base.length] = "--resume";
        CliTest.Run same = CliTest.d4j(again);
        assertEquals(0, same.code(), "retyping the run's own options is fine: " + same.err());
        expectRefused("--lr", "train", "--out", run, "--resume", "--lr", "0.5");
        expectRefused("--hidden", "train", "--out", run, "--resume", "--hidden", "32");
        expectRefused("--steps", "train", "--out", run, "--resume", "--steps", "2");
        CliTest.Run longer = CliTest.d4j("train", "--out", run, "--resume", "--steps", "6");
        assertEquals(0, longer.code(), longer.err());
        assertTrue(longer.out().contains("6 steps"), longer.out());
        assertEquals(6, new io.diffusion4j.run.RunDirectory(Path.of(run)).readConfig().train().steps(), "config.json says 6 steps");
        CliTest.Run finished = CliTest.d4j("train", "--out", run, "--resume");
        assertEquals(0, finished.code(), finished.err());
        assertTrue(finished.out().contains("is finished (6 steps)"), finished.out());
        // stopped before its first checkpoint: only config.json is there, and --resume starts it from step 0
        Path early = dir.resolve("early");
        Files.createDirectories(early);
        Files.copy(Path.of(run, "config.json"), early.resolve("config.json"));
        CliTest.Run fromZero = CliTest.d4j("train", "--out", early.toString(), "--resume");
        assertEquals(0, fromZero.code(), fromZero.err());
        assertArrayEquals(Files.readAllBytes(Path.of(run, "model.safetensors")), Files.readAllBytes(early.resolve("model.safetensors")),
                "the same config from step 0 gives the same model");
    }

    /** Exit 2 and exactly one line on stderr, naming the option. */
    private static void expectRefused(String mentions, String... args) {
        CliTest.Run r = CliTest.d4j(args);
        assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line expected for " + String.join(" ", args) + ": " + r.err());
        assertTrue(lines.get(0).contains(mentions), lines.get(0) + " should mention " + mentions);
    }
}
