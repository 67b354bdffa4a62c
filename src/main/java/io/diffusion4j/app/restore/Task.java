package io.diffusion4j.app.restore;

import io.diffusion4j.naming.Names;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The restoration tasks, each with the methods that apply to it. */
public enum Task {
    /** Missing pixels under a mask: y = m ⊙ x. */
    INPAINT(EnumSet.of(Method.DPS, Method.REPLACE, Method.REPAINT)),
    /** Gaussian blur: y = k ∗ x + σ_y·n. */
    DEBLUR(EnumSet.of(Method.DPS)),
    /** Average-pool down-sampling by a factor: y = pool_N(x) + σ_y·n. */
    SUPERRES(EnumSet.of(Method.DPS, Method.ILVR, Method.REPLACE, Method.SR3)),
    /** Additive noise only: y = x + σ_y·n. */
    DENOISE(EnumSet.of(Method.DPS));

    private final Set<Method> methods;

    Task(Set<Method> methods) {
        this.methods = methods;
    }

    private static final Names<Task> NAMES = Names.of("task", java.util.Arrays.stream(values())
            .map(t -> Names.entry(t, t.id())).toList());

    public static Task parse(String s) {
        return NAMES.parse(s);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Refuses a method that does not apply to this task, naming the ones that do. */
    public void check(Method method) {
        if (!methods.contains(method)) {
            throw new IllegalArgumentException("method " + method.id() + " does not apply to task " + id() + "; use "
                    + methods.stream().map(Method::id).collect(Collectors.joining(", ")));
        }
    }

    /** The restoration methods. */
    public enum Method {
        DPS, ILVR, REPAINT, REPLACE, SR3;

        private static final Names<Method> NAMES = Names.of("method", java.util.Arrays.stream(values())
                .map(m -> Names.entry(m, m.id())).toList());

        public static Method parse(String s) {
            return NAMES.parse(s);
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
