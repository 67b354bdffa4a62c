package io.diffusion4j.naming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accepted names of one set of choices: each choice has a canonical id (what config.json stores and messages
 * show) and any number of aliases (diffusers' spellings, older names). Lookup ignores case and treats '_' and '-'
 * alike, so {@code fixed_small}, {@code FIXED-SMALL} and {@code fixed-small} are one name. An unknown name is one
 * {@link IllegalArgumentException} line listing every id and alias ({@link #unknown}), which the CLI turns into exit
 * code 2. Immutable.
 *
 * @param <T> the type of the choices
 */
public final class Names<T> {
    private final String what;
    private final Map<String, T> byKey;
    private final List<String> ids;
    private final List<String> aliases;

    private Names(String what, List<Entry<T>> entries) {
        this.what = what;
        Map<String, T> map = new LinkedHashMap<>();
        List<String> idList = new ArrayList<>();
        List<String> aliasList = new ArrayList<>();
        for (Entry<T> e : entries) {
            idList.add(e.id());
            put(map, e.id(), e.value());
            for (String a : e.aliases()) {
                if (put(map, a, e.value())) {
                    aliasList.add(a);
                }
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
        this.ids = List.copyOf(idList);
        this.aliases = List.copyOf(aliasList);
    }

    /** One choice: its value, canonical id and aliases. */
    public record Entry<T>(T value, String id, List<String> aliases) {
    }

    /** The entry for {@code value} under {@code id}, also accepted as any of {@code aliases}. */
    public static <T> Entry<T> entry(T value, String id, String... aliases) {
        return new Entry<>(value, id, List.of(aliases));
    }

    /** The names of the choices in {@code entries}; {@code what} names the kind of choice in error messages. */
    @SafeVarargs
    public static <T> Names<T> of(String what, Entry<T>... entries) {
        return new Names<>(what, List.of(entries));
    }

    /** The names of the choices in {@code entries}, as {@link #of(String, Entry[])}. */
    public static <T> Names<T> of(String what, List<Entry<T>> entries) {
        return new Names<>(what, List.copyOf(entries));
    }

    /** The lookup form of a name: lower case, '_' read as '-'. */
    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The choice of that name or alias; a one-line error listing every name otherwise. */
    public T parse(String name) {
        T v = name == null ? null : byKey.get(key(name));
        if (v == null) {
            throw unknown(what, name, ids, aliases);
        }
        return v;
    }

    /** The canonical ids joined by '|', for messages and help. */
    public String choices() {
        return String.join("|", ids);
    }

    /** The canonical ids, in declaration order. */
    public List<String> ids() {
        return ids;
    }

    /** The aliases that are not spelling variants of an id, in declaration order. */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * The one-line error for an unknown name: {@code unknown WHAT 'given'; use a|b|c (also: x, y; case and _/- are
     * ignored)}, listing the canonical ids and then the aliases.
     */
    public static IllegalArgumentException unknown(String what, String given, List<String> ids, List<String> aliases) {
        String also = aliases.isEmpty() ? "case and _/- are ignored" : "also: " + String.join(", ", aliases)
                + "; case and _/- are ignored";
        return new IllegalArgumentException("unknown " + what + " '" + given + "'; use " + String.join("|", ids)
                + " (" + also + ")");
    }

    private static <T> boolean put(Map<String, T> map, String name, T value) {
        T old = map.putIfAbsent(key(name), value);
        if (old != null && !old.equals(value)) {
            throw new IllegalStateException("name '" + name + "' is given to both " + old + " and " + value);
        }
        return old == null;
    }
}
