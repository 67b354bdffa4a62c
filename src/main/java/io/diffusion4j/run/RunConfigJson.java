package io.diffusion4j.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.likelihood.PriorKind;
import io.diffusion4j.model.NetworkSpec;
import io.diffusion4j.objective.LossKind;
import io.diffusion4j.objective.TimestepSampling;
import io.diffusion4j.objective.WeightingSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.sde.ProcessSpec;
import io.diffusion4j.train.TrainConfig;

import java.util.Arrays;
import java.util.function.Function;

/**
 * config.json ⇄ {@link RunConfig}. The layout is flat and stable (runs written by every earlier version load): typed
 * names are stored by their ids, the process as {@code process} + {@code sigmaMax}, the data as {@code data},
 * {@code dataCount}, {@code dim}, {@code normalization} and {@code x0Bound}. A bad value is one line naming its key.
 */
public final class RunConfigJson {
    /** The Gson of run files and reports: pretty, NaN-tolerant, with the toolkit's typed names. */
    public static final Gson GSON = builder().setPrettyPrinting().create();

    private RunConfigJson() {
    }

    /** A Gson builder knowing every typed value of a run config (by id) and the run config's own layout. */
    public static GsonBuilder builder() {
        GsonBuilder b = new GsonBuilder().serializeSpecialFloatingPointValues();
        byId(b, Parametrization.class, Parametrization::id, Parametrization::parse);
        byId(b, ReverseVariance.class, ReverseVariance::id, ReverseVariance::parse);
        byId(b, LossKind.class, LossKind::id, LossKind::parse);
        byId(b, TimestepSampling.class, TimestepSampling::id, TimestepSampling::parse);
        byId(b, PriorKind.class, PriorKind::id, PriorKind::parse);
        byId(b, ModelKind.class, ModelKind::id, ModelKind::parse);
        byId(b, WeightingSpec.class, WeightingSpec::id, WeightingSpec::parse);
        b.registerTypeAdapter(NetworkSpec.class, (JsonSerializer<NetworkSpec>) (src, t, ctx) -> NetworkSpecs.toJson(src, PLAIN));
        b.registerTypeAdapter(NetworkSpec.class, (JsonDeserializer<NetworkSpec>) (json, t, ctx) -> NetworkSpecs.fromJson(json.getAsJsonObject(), PLAIN));
        b.registerTypeAdapter(Normalization.class, (JsonSerializer<Normalization>) (src, t, ctx) -> normalizationJson(src));
        b.registerTypeAdapter(Normalization.class, (JsonDeserializer<Normalization>) (json, t, ctx) -> normalization(json));
        b.registerTypeAdapter(RunConfig.class, (JsonSerializer<RunConfig>) (src, t, ctx) -> write(src, ctx));
        b.registerTypeAdapter(RunConfig.class, (JsonDeserializer<RunConfig>) (json, t, ctx) -> read(json.getAsJsonObject(), ctx));
        return b;
    }

    private static final Gson PLAIN = new Gson();

    public static String toJson(RunConfig cfg) {
        return GSON.toJson(cfg);
    }

    /** Parses config.json text; a wrong type or unknown name is one line naming the key. */
    public static RunConfig fromJson(String json) {
        JsonElement e = com.google.gson.JsonParser.parseString(json);
        if (!e.isJsonObject()) {
            throw new JsonParseException("not a JSON object");
        }
        return GSON.fromJson(e, RunConfig.class);
    }

    private static <T> void byId(GsonBuilder b, Class<T> type, Function<T, String> id, Function<String, T> parse) {
        b.registerTypeAdapter(type, (JsonSerializer<T>) (src, t, ctx) -> new JsonPrimitive(id.apply(src)));
        b.registerTypeAdapter(type, (JsonDeserializer<T>) (json, t, ctx) -> parse.apply(json.getAsString()));
    }

    private static JsonElement write(RunConfig c, com.google.gson.JsonSerializationContext ctx) {
        JsonObject o = new JsonObject();
        o.addProperty("version", c.version());
        o.addProperty("data", c.data().source());
        o.addProperty("dataCount", c.data().count());
        o.addProperty("dim", c.data().dim());
        o.add("normalization", ctx.serialize(c.data().normalization(), Normalization.class));
        o.addProperty("x0Bound", c.data().x0Bound());
        o.addProperty("model", c.model().id());
        add(o, "network", c.network() == null ? null : ctx.serialize(c.network(), NetworkSpec.class));
        add(o, "schedule", ctx.serialize(c.schedule()));
        add(o, "prediction", c.prediction() == null ? null : ctx.serialize(c.prediction()));
        o.add("weighting", ctx.serialize(c.weighting()));
        add(o, "train", ctx.serialize(c.train()));
        if (c.process() != null) {
            o.addProperty("process", c.process().id());
            if (c.process().sigmaMax() != null) {
                o.addProperty("sigmaMax", c.process().sigmaMax());
            }
        }
        add(o, "image", ctx.serialize(c.image()));
        add(o, "improved", ctx.serialize(c.improved()));
        add(o, "distilled", ctx.serialize(c.distilled()));
        return o;
    }

    private static void add(JsonObject o, String key, JsonElement e) {
        if (e != null && !e.isJsonNull()) {
            o.add(key, e);
        }
    }

    private static RunConfig read(JsonObject o, com.google.gson.JsonDeserializationContext ctx) {
        Reader r = new Reader(o, ctx);
        Integer dim = r.get("dim", JsonElement::getAsInt);
        Normalization norm = r.get("normalization", n -> ctx.deserialize(n, Normalization.class));
        if (dim == null || norm == null || !o.has("data")) {
            throw new IllegalArgumentException("config.json lacks 'data', 'dim' or 'normalization'; retrain the run or restore the file");
        }
        DataSpec data = new DataSpec(r.string("data"), r.intOr("dataCount", 0), dim, norm, r.doubleOr("x0Bound", 0));
        String process = r.string("process");
        Double sigmaMax = r.get("sigmaMax", JsonElement::getAsDouble);
        String version = r.string("version");
        if (version != null && newer(version, Version.VERSION)) {
            throw new IllegalArgumentException("config.json key 'version': the run was written by diffusion4j " + version
                    + ", newer than this build (" + Version.VERSION + "); update d4j to read it");
        }
        return new RunConfig(version, data, r.get("model", j -> ModelKind.parse(j.getAsString())),
                r.get("network", j -> ctx.deserialize(j, NetworkSpec.class)),
                r.get("schedule", j -> ctx.deserialize(j, ScheduleSpec.class)),
                r.get("prediction", j -> Parametrization.parse(j.getAsString())),
                r.get("weighting", j -> WeightingSpec.parse(j.getAsString())),
                r.get("train", j -> ctx.deserialize(j, TrainConfig.class)),
                process == null ? null : r.get("process", j -> ProcessSpec.of(process, sigmaMax)),
                r.get("image", j -> ctx.deserialize(j, ImageData.class)),
                r.get("improved", j -> ctx.deserialize(j, ImprovedDdpmConfig.class)),
                r.get("distilled", j -> ctx.deserialize(j, Distilled.class)));
    }

    /** True when version a is later than b (numeric dot-separated parts; a suffix such as -SNAPSHOT is ignored). */
    static boolean newer(String a, String b) {
        String[] x = a.split("[-+]")[0].split("\\.");
        String[] y = b.split("[-+]")[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return p > q;
            }
        }
        return false;
    }

    private static int parse(String part) {
        try {
            return Integer.parseInt(part.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config.json key 'version': '" + part + "' is not a version number part");
        }
    }

    /** Reads one key at a time, so that any failure names the key. */
    private record Reader(JsonObject o, com.google.gson.JsonDeserializationContext ctx) {
        <T> T get(String key, Function<JsonElement, T> f) {
            JsonElement e = o.get(key);
            if (e == null || e.isJsonNull()) {
                return null;
            }
            try {
                return f.apply(e);
            } catch (RuntimeException ex) {
                String m = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
                int nl = m.indexOf('\n');
                throw new IllegalArgumentException("config.json key '" + key + "': " + (nl < 0 ? m : m.substring(0, nl)), ex);
            }
        }

        String string(String key) {
            return get(key, JsonElement::getAsString);
        }

        int intOr(String key, int fallback) {
            Integer v = get(key, JsonElement::getAsInt);
            return v == null ? fallback : v;
        }

        double doubleOr(String key, double fallback) {
            Double v = get(key, JsonElement::getAsDouble);
            return v == null ? fallback : v;
        }
    }

    /** The identity (image runs: C·H·W values) is written as {"identity": d}, not as d zeros and d ones. */
    private static JsonElement normalizationJson(Normalization n) {
        boolean identity = Arrays.stream(n.mean()).allMatch(v -> v == 0) && Arrays.stream(n.std()).allMatch(v -> v == 1);
        if (identity && n.mean().length > 16) {
            JsonObject o = new JsonObject();
            o.addProperty("identity", n.mean().length);
            return o;
        }
        return PLAIN.toJsonTree(n);
    }

    private static Normalization normalization(JsonElement json) {
        JsonObject o = json.getAsJsonObject();
        if (o.has("identity")) {
            return Normalization.identity(o.get("identity").getAsInt());
        }
        return PLAIN.fromJson(o, Normalization.class);
    }
}
