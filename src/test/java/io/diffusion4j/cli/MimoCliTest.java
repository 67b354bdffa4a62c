package io.diffusion4j.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** d4j mimo ser, channels and estimate: their files and JSON keys, and one-line errors with exit 2 on bad input. */
class MimoCliTest {

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--nt", "4", "--nr", "2", "--detectors", "zf", "--out", out), "--nr >= --nt");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--nt", "4", "--nr", "2", "--detectors", "mmse,ml", "--out", out), "--nr >= --nt");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--modulation", "8psk", "--out", out), "unknown modulation");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--modulation", "32qam", "--out", out), "square power of two");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--snr", "ten", "--out", out), "SNR 'ten' is not a number");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--snr", "0:x:2", "--out", out), "not a number");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--channel", "rician", "--out", out), "unknown channel");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--rho", "0.5", "--out", out), "--rho does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--channel", "kronecker", "--rho", "1.5", "--out", out), "--rho");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--detectors", "zf", "--ald-steps", "5", "--out", out), "--ald-steps does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--detectors", "zf,sic", "--out", out), "unknown detector 'sic'");
        CliTest.assertUserError(CliTest.d4j("mimo", "ser", "--nt", "0", "--out", out), "--nt");
        assertFalse(Files.exists(dir.resolve("o")), "nothing is written on bad input");
    }

    @Test
    void serWritesCsvJsonAndPlotWithTheContractKeys(@TempDir Path dir) throws Exception {
        CliTest.Run r = CliTest.d4j("mimo", "ser", "--nt", "2", "--nr", "2", "--modulation", "qpsk", "--snr", "0,6",
                "--detectors", "mmse,ml,ald", "--min-errors", "50", "--max-vectors", "2000", "--ald-steps", "3", "--json",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"ser.csv", "ser.json", "ser.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(1 + 3 * 2, Files.readAllLines(dir.resolve("ser.csv")).size(), "header and 3 detectors x 2 SNRs");
        JsonObject stdout = new Gson().fromJson(r.out(), JsonObject.class);
        JsonObject file = new Gson().fromJson(Files.readString(dir.resolve("ser.json")), JsonObject.class);
        assertEquals(file, stdout, "--json prints the document it writes");
        JsonArray points = file.getAsJsonArray("points");
        assertEquals(6, points.size());
        for (var e : points) {
            JsonObject p = e.getAsJsonObject();
            for (String key : new String[] {"detector", "snr_db", "ser", "ber", "errors", "symbols", "ser_ci95", "ber_ci95"}) {
                assertTrue(p.has(key), key);
            }
            double ser = p.get("ser").getAsDouble();
            assertEquals(p.get("errors").getAsDouble() / p.get("symbols").getAsDouble(), ser, 1e-12);
            JsonArray ci = p.getAsJsonArray("ser_ci95");
            assertTrue(ci.get(0).getAsDouble() <= ser && ser <= ci.get(1).getAsDouble());
        }
        assertEquals("qpsk", file.get("modulation").getAsString());
    }

    @Test
    void estimateBadInputIsOneLineAndExitTwo(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--estimators", "ls", "--pilots", "2", "--out", out), "--pilots >= --nt");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--estimators", "diffusion", "--out", out), "needs --run");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--run", dir.toString(), "--estimators", "lmmse", "--out", out), "--run does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--langevin-steps", "5", "--out", out), "--langevin-steps does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--channel", "rayleigh", "--covariance-draws", "50", "--out", out),
                "--covariance-draws does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--data-vectors", "5", "--out", out), "--data-vectors does not apply");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--estimators", "lmmse,kalman", "--out", out), "unknown estimator 'kalman'");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--pilots", "0", "--out", out), "--pilots");
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--run", dir.resolve("none").toString(), "--out", out), "none");
        CliTest.assertUserError(CliTest.d4j("mimo", "channels", "--out", dir.resolve("h.csv").toString()), ".npy");
        assertFalse(Files.exists(dir.resolve("o")), "nothing is written on bad input");
    }

    @Test
    void channelsTrainAndEstimateRunEndToEnd(@TempDir Path dir) throws Exception {
        String h = dir.resolve("h.npy").toString();
        assertEquals(0, CliTest.d4j("mimo", "channels", "--nr", "2", "--nt", "2", "--channel", "kronecker", "--n", "500", "--out", h).code());
        String run = dir.resolve("prior").toString();
        CliTest.Run t = CliTest.d4j("train", "--data", h, "--hidden", "32", "--steps", "40", "--batch", "64", "--T", "100", "--out", run);
        assertEquals(0, t.code(), t.err());
        CliTest.assertUserError(CliTest.d4j("mimo", "estimate", "--run", run, "--nr", "4", "--nt", "2", "--channel", "kronecker",
                "--out", dir.resolve("bad").toString()), "same --nr and --nt");
        Path out = dir.resolve("est");
        CliTest.Run r = CliTest.d4j("mimo", "estimate", "--run", run, "--nr", "2", "--nt", "2", "--channel", "kronecker",
                "--pilots", "1,2", "--snr", "10", "--channels", "20", "--langevin-levels", "4", "--langevin-steps", "2",
                "--detect", "mmse", "--modulation", "qpsk", "--data-vectors", "3", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject doc = new Gson().fromJson(Files.readString(out.resolve("estimate.json")), JsonObject.class);
        assertEquals(doc, new Gson().fromJson(r.out(), JsonObject.class), "--json prints the document it writes");
        // P = 1 < N_T: lmmse and diffusion; P = 2: ls too
        assertEquals(5, doc.getAsJsonArray("nmse").size());
        for (var e : doc.getAsJsonArray("nmse")) {
            JsonObject n = e.getAsJsonObject();
            for (String key : new String[] {"estimator", "pilots", "snr_db", "nmse", "nmse_se", "nmse_db", "channels"}) {
                assertTrue(n.has(key), key);
            }
            assertEquals(10 * Math.log10(n.get("nmse").getAsDouble()), n.get("nmse_db").getAsDouble(), 1e-9);
        }
        // one SER row per estimate (and the true channel) per pilot count, each over 20 channels x 3 uses x 2 symbols
        assertEquals(5 + 2, doc.getAsJsonArray("ser").size());
        for (var e : doc.getAsJsonArray("ser")) {
            assertEquals(20 * 3 * 2, e.getAsJsonObject().get("symbols").getAsInt());
        }
        for (String f : new String[] {"nmse.csv", "nmse.png", "ser.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }
}
