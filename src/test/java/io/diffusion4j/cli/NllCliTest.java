package io.diffusion4j.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.diffusion4j.cli.CliTest.assertUserError;
import static io.diffusion4j.cli.CliTest.d4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code d4j train --variance/--loss/--t-sampling/--prior} recorded in the run and honoured by sample and eval, and
 * {@code d4j eval --metric nll} with its JSON contract and one-line errors.
 */
class NllCliTest {

    @Test
    void improvedOptionsAreRecordedAndNllIsReported(@TempDir Path dir) {
        Path run = dir.resolve("hybrid");
        CliTest.Run t = d4j("train", "--data", "gmm8", "--steps", "40", "--batch", "32", "--hidden", "16,16", "--n-data", "500",
                "--variance", "learned", "--loss", "hybrid", "--t-sampling", "importance", "--prior", "standard",
                "--checkpoint-every", "20", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        RunConfig cfg = new RunDirectory(run).readConfig();
        assertEquals(ImprovedDdpmConfig.parse("learned", "hybrid", "importance", "standard"), cfg.improved());
        assertEquals(4, ((io.diffusion4j.model.MlpSpec) cfg.network()).outDim(), "a learned variance doubles the network's outputs");
        assertEquals(1.0, cfg.data().normalization().std()[0], 0.0, "--prior standard leaves the data as given");
        assertTrue(Files.isRegularFile(run.resolve("importance.safetensors")), "the importance sampler's history is checkpointed");
        CliTest.Run s = d4j("sample", "--run", run.toString(), "--sampler", "ddpm", "--steps", "20", "--n", "20",
                "--out", dir.resolve("s.npy").toString());
        assertEquals(0, s.code(), s.err());
        for (String method : new String[] {"elbo", "ode"}) {
            CliTest.Run e = d4j("eval", "--run", run.toString(), "--metric", "nll", "--method", method, "--n", "20", "--json");
            assertEquals(0, e.code(), e.err());
            JsonObject o = new Gson().fromJson(e.out(), JsonObject.class);
            assertEquals(method, o.get("method").getAsString());
            assertTrue(Double.isFinite(o.get("bpd").getAsDouble()), e.out());
            assertTrue(o.get("stderr").getAsDouble() > 0, e.out());
        }
    }

    @Test
    void imageRunsTrainALearnedVarianceAndReportTheirBound(@TempDir Path dir) {
        Path run = dir.resolve("u");
        CliTest.Run t = d4j("train", "--data", "fashion-mnist", "--model", "unet", "--base", "8", "--unconditional", "--steps", "3",
                "--batch", "4", "--T", "50", "--schedule", "cosine", "--variance", "learned", "--loss", "vlb",
                "--t-sampling", "importance", "--out", run.toString());
        assertEquals(0, t.code(), t.err());
        RunConfig cfg = new RunDirectory(run).readConfig();
        assertEquals(2, ((io.diffusion4j.model.UNetSpec) cfg.network()).outChannels(), "mean and variance channels");
        assertEquals(io.diffusion4j.likelihood.PriorKind.STANDARD, cfg.improved().prior(), "images keep the standard prior");
        CliTest.Run e = d4j("eval", "--run", run.toString(), "--metric", "nll", "--n", "4", "--t-draws", "3", "--json");
        assertEquals(0, e.code(), e.err());
        JsonObject o = new Gson().fromJson(e.out(), JsonObject.class);
        assertEquals("discretized-gaussian-8bit", o.get("decoder").getAsString());
        assertEquals("stratified-t(3)", o.get("estimator").getAsString());
        assertUserError(d4j("train", "--data", "fashion-mnist", "--model", "unet", "--prior", "priorgrad", "--out",
                dir.resolve("p").toString()), "--prior");
    }

    @Test
    void badNllRequestsAreOneLineErrors(@TempDir Path dir) {
        Path run = dir.resolve("r");
        assertEquals(0, d4j("train", "--data", "gmm8", "--steps", "5", "--batch", "16", "--hidden", "8", "--n-data", "100",
                "--out", run.toString()).code());
        Path sde = dir.resolve("sde");
        assertEquals(0, d4j("train", "--data", "gmm8", "--steps", "5", "--batch", "16", "--hidden", "8", "--n-data", "100",
                "--process", "vp-sde", "--out", sde.toString()).code());
        Path gauss = dir.resolve("g");
        assertEquals(0, d4j("train", "--data", "gmm8", "--model", "gaussian", "--out", gauss.toString()).code());
        String r = run.toString();
        assertUserError(d4j("eval", "--run", r, "--metric", "nll", "--method", "ode", "--probes", "0"), "--probes");
        assertUserError(d4j("eval", "--run", r, "--metric", "nll", "--method", "ode", "--probes", "-3"), "--probes");
        assertUserError(d4j("eval", "--run", r, "--metric", "nll", "--method", "exact"), "--method");
        assertUserError(d4j("eval", "--run", r, "--metric", "nll", "--n", "1"), "--n");
        assertUserError(d4j("eval", "--run", r, "--metric", "nll", "--t-draws", "-1"), "--t-draws");
        assertUserError(d4j("eval", "--run", gauss.toString(), "--metric", "nll"), "no likelihood");
        assertUserError(d4j("eval", "--run", sde.toString(), "--metric", "nll", "--method", "elbo"), "--method ode");
        assertUserError(d4j("eval", "--metric", "nll"), "--run");
        assertUserError(d4j("eval", "--metric", "bleu", "--run", r), "--metric");
        assertUserError(d4j("eval", "--samples", dir.resolve("x.npy").toString()), "--data");
        String out = dir.resolve("bad").toString();
        assertUserError(d4j("train", "--data", "gmm8", "--variance", "learned", "--out", out), "--loss hybrid");
        assertUserError(d4j("train", "--data", "gmm8", "--loss", "hybrid", "--out", out), "--variance learned");
        assertUserError(d4j("train", "--data", "gmm8", "--t-sampling", "sometimes", "--out", out), "--t-sampling");
        assertUserError(d4j("train", "--data", "gmm8", "--prior", "flat", "--out", out), "--prior");
        assertUserError(d4j("train", "--data", "gmm8", "--loss", "vlb", "--process", "vp-sde", "--out", out), "--process");
        assertUserError(d4j("train", "--data", "gmm8", "--loss", "vlb", "--weighting", "snr", "--out", out), "--weighting");
    }
}
