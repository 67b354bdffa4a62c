package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Files of the application: network weights as safetensors (with their JSON description beside them) and JSON
 * reports. A trained channel model or autoencoder is a pair NAME.json + NAME.safetensors in its run folder.
 */
public final class ChannelFiles {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ChannelFiles() {
    }

    /** Writes the weights of {@code net} to DIR/NAME.safetensors and {@code description} to DIR/NAME.json. */
    public static void save(Path dir, String name, Network net, Object description) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : net.parameters().entrySet()) {
            t.put(e.getKey(), new Tensor(e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        Safetensors.write(dir.resolve(name + ".safetensors"), t, Map.of("type", net.spec().type()));
        writeJson(dir.resolve(name + ".json"), description);
    }

    /** Loads DIR/NAME.safetensors into {@code net} (same architecture). */
    public static void loadWeights(Path dir, String name, Network net) throws IOException {
        Map<String, float[]> w = new LinkedHashMap<>();
        Safetensors.read(dir.resolve(name + ".safetensors")).tensors().forEach((k, v) -> w.put(k, v.data()));
        net.load(w);
    }

    /** DIR/NAME.json as a JSON object; a missing file is a one-line user error. */
    public static JsonObject readDescription(Path dir, String name) throws IOException {
        Path f = dir.resolve(name + ".json");
        if (!Files.isRegularFile(f)) {
            throw new IllegalArgumentException(f + " does not exist; point at a folder written by the matching train command");
        }
        return GSON.fromJson(Files.readString(f), JsonObject.class);
    }

    public static <T> T fromJson(com.google.gson.JsonElement e, Class<T> type) {
        return GSON.fromJson(e, type);
    }

    public static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(value) + "\n");
    }
}
