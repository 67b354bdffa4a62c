package io.diffusion4j.io;

import com.google.gson.ExclusionStrategy;
import com.google.gson.FieldAttributes;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one JSON writer of result records (sample-quality reports, likelihood bounds, FID tables, restoration
 * tables, channel fidelity): each record serialises from its own components, named by one policy — a component
 * {@code swdFloor} is the key {@code swd_floor} — in declaration order; null components are left out, NaN and
 * infinities are written as they are. {@code @SerializedName} keeps a stored key where the component reads better
 * under another name; {@link Omit} leaves a component out (bookkeeping a reader of the file does not need).
 */
public final class Reports {
    /** Leaves a record component out of its report. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Omit {
    }

    private static final Gson COMPACT = builder().create();
    private static final Gson PRETTY = builder().setPrettyPrinting().create();

    private Reports() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder()
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .serializeSpecialFloatingPointValues()
                .setExclusionStrategies(new ExclusionStrategy() {
                    @Override
                    public boolean shouldSkipField(FieldAttributes f) {
                        return f.getAnnotation(Omit.class) != null;
                    }

                    @Override
                    public boolean shouldSkipClass(Class<?> c) {
                        return false;
                    }
                });
    }

    /** The report on one line (what {@code --json} prints). */
    public static String toJson(Object report) {
        return COMPACT.toJson(report);
    }

    /** The report indented, one key a line (what the result files hold). */
    public static String toPrettyJson(Object report) {
        return PRETTY.toJson(report);
    }

    /** The report as a JSON tree, to be placed inside a larger document written by another Gson. */
    public static JsonElement toJsonTree(Object report) {
        return COMPACT.toJsonTree(report);
    }
}
