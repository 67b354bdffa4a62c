package io.diffusion4j.app.channel.cli;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input ends in one line and exit 2; small runs of ber and toy write their files. */
class ChannelCommandTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cl = ChannelCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private static void assertUserError(String expected, String... args) {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, args), err::toString);
        String text = err.toString().trim();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains(expected), text);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertUserError("Eb/N0 'five' is not a number", "ber", "--ebn0", "five");
        assertUserError("Eb/N0 'x' is not a number", "train-ae", "--ebn0", "x");
        assertUserError("M must be a power of two", "ber", "--M", "12");
        assertUserError("M must be a power of two", "train-model", "--M", "1");
        assertUserError("n must be >= 1", "train-ae", "--n", "0");
        assertUserError("unknown channel 'fading'", "train-model", "--channel", "fading");
        assertUserError("unknown --method 'gan'", "train-ae", "--method", "gan");
        assertUserError("unknown --algorithm 'joint'", "train-ae", "--algorithm", "joint");
        assertUserError("'abc' is not an int", "ber", "--M", "abc"); // picocli's own conversion error, also exit 2
    }

    @Test
    void berWritesCsvJsonAndPlot(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "ber", "--M", "16", "--n", "2", "--ebn0", "4,6", "--max-blocks", "20000", "--out", dir.toString()), err::toString);
        for (String f : new String[] {"ber.csv", "ber.json", "ber.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertEquals(3, Files.readAllLines(dir.resolve("ber.csv")).size()); // header + 16-QAM at two points
        JsonObject json = new Gson().fromJson(Files.readString(dir.resolve("ber.json")), JsonObject.class);
        double rate = json.getAsJsonObject("curves").getAsJsonArray("16-qam").get(0).getAsJsonObject().get("rate").getAsDouble();
        // 16-QAM at 4 dB: closed form 0.2123; 20 000 blocks give a binomial sd of 0.0029
        assertEquals(io.diffusion4j.app.channel.ErrorRates.qam16Ser(4), rate, 4.5 * 0.0029);
    }

    @Test
    void toyRunsEndToEndAndWritesItsFigures(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "toy", "--model-steps", "60", "--dataset", "2000", "--samples", "1000", "--ddim-steps", "10",
                "--out", dir.toString()), err::toString);
        for (String f : new String[] {"toy.json", "constellation.png", "amplitude.png", "channel-model.safetensors", "metrics.csv"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }
}
