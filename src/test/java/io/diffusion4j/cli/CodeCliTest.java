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

/** d4j code train and ber: one-line errors with exit 2 on bad input; a tiny train → ber run and its JSON keys. */
class CodeCliTest {

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) {
        String out = dir.resolve("o").toString();
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--code", "bch-15-7", "--out", out), "--code bch-15-7 is not a code here");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--code", "polar-128-64", "--out", out), "is not a code here");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--code", "hamming-8-4", "--out", out), "is not a code here");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--code", "bch-63-51", "--decoder", "ml", "--out", out), "stops at k = 16");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "viterbi", "--out", out), "--decoder viterbi is not a decoder");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "bp,bp", "--out", out), "twice");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "ddecc", "--out", out), "needs --model");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "ddecc", "--model", dir.resolve("none").toString(), "--out", out),
                "is not a folder written by 'd4j code train'");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "ml", "--bp-iterations", "9", "--out", out),
                "--bp-iterations does not apply");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--decoder", "hard", "--model", out, "--out", out), "--model does not apply");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--ebn0", "five", "--out", out), "not a number");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--min-errors", "0", "--out", out), "--min-errors");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--bp-iterations", "0", "--out", out), "--bp-iterations");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--decoder", "bp", "--out", out), "needs no training");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--ebn0", "7:3", "--out", out), "is not a range LOW:HIGH");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--layers", "0", "--out", out), "layers");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--heads", "5", "--out", out), "divisible by the heads");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--resume", "--out", out), "does not exist");
        CliTest.assertUserError(CliTest.d4j("code", "train", "--steps", "x", "--out", out), "x");
        assertFalse(Files.exists(dir.resolve("o").resolve("ber.json")), "nothing is written on bad input");
    }

    @Test
    void trainThenBerWritesTheContractKeysPerDecoderAndPoint(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model");
        CliTest.Run t = CliTest.d4j("code", "train", "--code", "hamming-7-4", "--steps", "3", "--batch", "16", "--layers", "1",
                "--d", "8", "--heads", "2", "--out", model.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.size(model.resolve("ddecc.safetensors")) > 0);
        CliTest.assertUserError(CliTest.d4j("code", "train", "--code", "hamming-7-4", "--steps", "3", "--out", model.toString()),
                "already holds a run");
        CliTest.assertUserError(CliTest.d4j("code", "ber", "--code", "bch-31-16", "--decoder", "ddecc", "--model", model.toString(),
                "--out", dir.resolve("x").toString()), "was trained on hamming-7-4");

        Path out = dir.resolve("ber");
        CliTest.Run r = CliTest.d4j("code", "ber", "--code", "hamming-7-4", "--decoder", "hard,bp,ml,ddecc", "--model", model.toString(),
                "--ebn0", "2,4", "--min-errors", "20", "--max-blocks", "3000", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject stdout = new Gson().fromJson(r.out(), JsonObject.class);
        JsonObject file = new Gson().fromJson(Files.readString(out.resolve("ber.json")), JsonObject.class);
        assertEquals(file, stdout, "--json prints the document it writes");
        assertTrue(Files.size(out.resolve("ber.png")) > 0);
        assertEquals(1 + 4 * 2, Files.readAllLines(out.resolve("ber.csv")).size(), "header and 4 decoders x 2 points");
        JsonArray points = file.getAsJsonArray("points");
        assertEquals(8, points.size());
        for (var e : points) {
            JsonObject p = e.getAsJsonObject();
            for (String key : new String[] {"decoder", "ebn0_db", "ber", "bler", "bit_errors", "block_errors", "blocks", "ber_ci95",
                    "bler_ci95", "codewords_per_s"}) {
                assertTrue(p.has(key), key);
            }
            long blocks = p.get("blocks").getAsLong();
            assertTrue(p.get("bit_errors").getAsLong() >= 20 || blocks == 3000, "stops at --min-errors or --max-blocks");
            double ber = p.get("ber").getAsDouble();
            assertEquals(p.get("bit_errors").getAsDouble() / (7.0 * blocks), ber, 1e-12, "BER over all n code bits");
            JsonArray ci = p.getAsJsonArray("ber_ci95");
            assertTrue(ci.get(0).getAsDouble() <= ber && ber <= ci.get(1).getAsDouble());
            double bler = p.get("bler").getAsDouble();
            assertEquals(p.get("block_errors").getAsDouble() / blocks, bler, 1e-12);
            JsonArray bci = p.getAsJsonArray("bler_ci95");
            assertTrue(bci.get(0).getAsDouble() <= bler && bler <= bci.get(1).getAsDouble());
        }
    }
}
