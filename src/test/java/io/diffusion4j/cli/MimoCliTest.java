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

/** d4j mimo ser: its files and JSON keys, and one-line errors with exit 2 on bad input. */
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
}
