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
    void badTapsAreOneLineAndExitTwo() {
        assertUserError("needs L >= 1 taps", "train-model", "--channel", "tdl", "--n", "8", "--taps", "0");
        assertUserError("longer than the block of 4 complex symbols", "train-ae", "--channel", "tdl-cp", "--n", "8", "--taps", "5");
        assertUserError("longer than the block", "ber", "--channel", "tdl", "--M", "16", "--n", "4", "--taps", "3");
        assertUserError("n must be even", "train-model", "--channel", "tdl", "--n", "7");
        assertUserError("--taps does not apply to --channel awgn", "ber", "--taps", "2");
        assertUserError("--tap-decay does not apply to --channel rayleigh-fast", "train-ae", "--channel", "rayleigh-fast", "--tap-decay", "1");
        assertUserError("tap decay τ must be a finite number > 0", "ber", "--channel", "tdl", "--n", "8", "--tap-decay", "0");
    }

    @Test
    void trainModelOnTheTappedDelayLineReportsModeCoverage(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train-model", "--channel", "tdl", "--n", "8", "--method", "wgan", "--model-steps", "5", "--dataset", "2000",
                "--out", dir.toString()), err::toString);
        JsonObject json = new Gson().fromJson(Files.readString(dir.resolve("fidelity.json")), JsonObject.class);
        assertEquals(3, json.get("taps").getAsInt());
        JsonObject cov = json.getAsJsonObject("mode_coverage_gaussian_inputs");
        for (String k : new String[] {"precision", "recall", "recall_floor", "variance_ratio"}) {
            double v = cov.get(k).getAsDouble();
            assertTrue(v >= 0 && Double.isFinite(v), k + " = " + v);
        }
        assertTrue(Files.size(dir.resolve("fixed-input.png")) > 0);
    }

    @Test
    void berRunsOnTheNewChannels(@TempDir Path dir) throws Exception {
        // 16-QAM over one complex symbol: a one-tap line (a complex gain of uniform phase the receiver does not know,
        // so coherent 16-QAM detection fails most of the time) and equalised per-symbol fading (errors, but far fewer)
        String[][] runs = {{"tdl-cp", "--taps", "1"}, {"rayleigh-fast-csi"}};
        double[][] bounds = {{0.6, 1}, {0.01, 0.5}};
        int i = 0;
        for (String[] r : runs) {
            StringWriter err = new StringWriter();
            Path out = dir.resolve(r[0]);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("ber", "--channel", r[0], "--M", "16", "--n", "2",
                    "--ebn0", "10", "--max-blocks", "2000", "--out", out.toString()));
            args.addAll(java.util.Arrays.asList(r).subList(1, r.length));
            assertEquals(0, run(err, args.toArray(String[]::new)), err::toString);
            JsonObject json = new Gson().fromJson(Files.readString(out.resolve("ber.json")), JsonObject.class);
            assertEquals(r[0], json.get("channel").getAsString());
            double rate = json.getAsJsonObject("curves").getAsJsonArray("16-qam").get(0).getAsJsonObject().get("rate").getAsDouble();
            assertTrue(rate > bounds[i][0] && rate < bounds[i][1], r[0] + " 16-QAM SER at 10 dB: " + rate);
            i++;
        }
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
