package io.diffusion4j.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.diffusion4j.param.Parametrization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.json ⇄ the typed run config: every shipped run loads and writes back the same JSON; bad keys are named. */
class RunConfigJsonTest {

    private static List<Path> shippedConfigs() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("models"), 2)) {
            return s.filter(p -> p.getFileName().toString().equals("config.json")).sorted().toList();
        }
    }

    @Test
    void everyShippedRunLoadsAndRoundTrips() throws IOException {
        List<Path> configs = shippedConfigs();
        assertFalse(configs.isEmpty(), "models/ ships runs");
        for (Path p : configs) {
            String text = Files.readString(p);
            RunConfig cfg = new RunDirectory(p.getParent()).readConfig();
            JsonElement written = JsonParser.parseString(RunConfigJson.toJson(cfg));
            assertTrue(within(JsonParser.parseString(text), written), p + " must write back every key it was read from, "
                    + "with its value (keys older runs lack are added with their defaults): " + written);
            assertEquals(written, JsonParser.parseString(RunConfigJson.toJson(RunConfigJson.fromJson(written.toString()))),
                    p + ": writing is idempotent");
        }
    }

    @Test
    void typedValuesAreParsedOnce() throws IOException {
        RunConfig cfg = new RunDirectory(Path.of("models/fmnist-cond-7500")).readConfig();
        assertEquals(Parametrization.EPS, cfg.prediction());
        assertEquals(ModelKind.UNET, cfg.model());
        assertEquals(784, cfg.data().dim());
        assertTrue(cfg.isImage());
    }

    @Test
    void aBadValueNamesItsKey() throws IOException {
        String good = Files.readString(Path.of("models/fmnist-cond-7500/config.json"));
        assertKey(good.replace("\"prediction\": \"eps\"", "\"prediction\": \"epsx\""), "prediction");
        assertKey(good.replace("\"model\": \"unet\"", "\"model\": \"transformer\""), "model");
        assertKey(good.replace("\"weighting\": \"none\"", "\"weighting\": \"heavy\""), "weighting");
        assertKey(good.replace("\"dim\": 784", "\"dim\": \"many\""), "dim");
        assertKey(good.replace("\"version\": \"0.1.0\"", "\"version\": \"9.0.0\""), "version");
        assertTrue(RunConfigJson.newer("0.10.0", "0.9.1") && !RunConfigJson.newer("0.1.0", "0.1.0-SNAPSHOT")
                && !RunConfigJson.newer("0.0.9", "0.1.0"));
    }

    /** Every key of a is in b with an equal value (objects compared key by key, other values exactly). */
    private static boolean within(JsonElement a, JsonElement b) {
        if (a.isJsonObject() && b.isJsonObject()) {
            JsonObject x = a.getAsJsonObject();
            JsonObject y = b.getAsJsonObject();
            return x.keySet().stream().allMatch(k -> y.has(k) && within(x.get(k), y.get(k)));
        }
        return a.equals(b);
    }

    private static void assertKey(String json, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfigJson.fromJson(json));
        assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage() + " should name " + key);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
