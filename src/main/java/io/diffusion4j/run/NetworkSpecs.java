package io.diffusion4j.run;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.NetworkSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/** The network types a run's config.json may name, and their JSON form {"type": …, fields…}. */
public final class NetworkSpecs {
    private static final Map<String, Class<? extends NetworkSpec>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("mlp", MlpSpec.class);
        TYPES.put("unet", io.diffusion4j.model.UNetSpec.class);
    }

    private NetworkSpecs() {
    }

    public static JsonObject toJson(NetworkSpec spec, Gson gson) {
        JsonObject o = gson.toJsonTree(spec).getAsJsonObject();
        o.addProperty("type", spec.type());
        return o;
    }

    public static NetworkSpec fromJson(JsonObject o, Gson gson) {
        String type = o.has("type") ? o.get("type").getAsString() : null;
        Class<? extends NetworkSpec> c = TYPES.get(type);
        if (c == null) {
            throw new IllegalArgumentException("config.json names an unknown network type '" + type + "'; known: " + TYPES.keySet());
        }
        JsonObject copy = o.deepCopy();
        copy.remove("type");
        return gson.fromJson(copy, c);
    }
}
