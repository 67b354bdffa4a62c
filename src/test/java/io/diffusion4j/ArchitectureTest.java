package io.diffusion4j;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shape of the code base, read from the sources: the package import graph has no cycle, the core never reaches
 * up into an application or the command line, every class stays at most 300 lines, and every package says what it
 * is in a package-info.java.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/io/diffusion4j");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.diffusion4j\\.([\\w.]+);", Pattern.MULTILINE);
    /** An import of, or a fully qualified reference to, a class of another package of the project. */
    private static final Pattern REFERENCE = Pattern.compile("io\\.diffusion4j\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]");
    private static final int MAX_LINES = 300;

    /** package → the packages its sources refer to. */
    static Map<String, Set<String>> importGraph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Path f : sources()) {
            String src = Files.readString(f);
            Matcher p = PACKAGE.matcher(src);
            if (!p.find()) {
                continue;
            }
            String pkg = p.group(1);
            Set<String> out = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REFERENCE.matcher(src.substring(p.end()));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    out.add(m.group(1));
                }
            }
        }
        return graph;
    }

    /** The strongly connected components with more than one package (Tarjan's algorithm): each one holds a cycle. */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : graph.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, graph, index, low, stack, found);
            }
        }
        return found;
    }

    private static void connect(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : graph.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, graph, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }

    @Test
    void packageImportGraphHasNoCycle() throws IOException {
        assertEquals(List.of(), cycles(importGraph()), "package cycles (each set imports itself round)");
    }

    @Test
    void cycleFinderFindsACycle() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(g));
    }

    @Test
    void coreNeverImportsApplicationsOrTheCommandLine() throws IOException {
        List<String> upward = new ArrayList<>();
        importGraph().forEach((pkg, targets) -> {
            boolean core = !pkg.startsWith("app") && !pkg.equals("cli");
            boolean app = pkg.startsWith("app") && !pkg.endsWith(".cli");
            for (String t : targets) {
                boolean up = (core && (t.startsWith("app") || t.equals("cli"))) || (app && (t.equals("cli") || t.endsWith(".cli")));
                if (up) {
                    upward.add(pkg + " -> " + t);
                }
            }
        });
        assertEquals(List.of(), upward);
    }

    @Test
    void everyClassIsAtMost300Lines() throws IOException {
        List<String> long_ = new ArrayList<>();
        for (Path f : sources()) {
            long n = Files.readAllLines(f).size();
            if (n > MAX_LINES) {
                long_.add(SOURCES.relativize(f) + " (" + n + " lines)");
            }
        }
        assertEquals(List.of(), long_);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasClasses;
                try (Stream<Path> fs = Files.list(d)) {
                    hasClasses = fs.anyMatch(f -> f.toString().endsWith(".java"));
                }
                if (hasClasses && !Files.exists(d.resolve("package-info.java"))) {
                    missing.add(SOURCES.relativize(d).toString());
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCES)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
