package io.diffusion4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java example of docs/library.md compiles against the current API and gives the right answer: the block between
 * the {@code library-example} markers is compiled with the system compiler against the test classpath, loaded, and
 * its {@code sampleMean(n, seed)} must lie within five standard errors √(Var_j / n) of the mixture's mean in every
 * coordinate (DDIM with the exact denoiser on 50 steps adds a bias far below that).
 */
class LibraryExampleTest {
    static final Path DOC = Path.of("docs", "library.md");
    static final String BEGIN = "<!-- library-example:begin -->";
    static final String END = "<!-- library-example:end -->";
    static final int N = 4000;

    /** The source of the fenced java block between the markers. */
    static String exampleSource() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int b = doc.indexOf(BEGIN);
        int e = doc.indexOf(END);
        assertTrue(b >= 0 && e > b, DOC + " lacks the " + BEGIN + " … " + END + " markers");
        Matcher m = Pattern.compile("```java\\R(.*?)```", Pattern.DOTALL).matcher(doc.substring(b + BEGIN.length(), e));
        assertTrue(m.find(), "no ```java block between the markers of " + DOC);
        return m.group(1);
    }

    @Test
    void docExampleCompilesRunsAndSamplesTheMixtureMean(@TempDir Path dir) throws Exception {
        String source = exampleSource();
        Matcher name = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
        assertTrue(name.find(), "the example declares no public class");
        String cls = name.group(1);
        Path file = dir.resolve(cls + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler (a JRE without javac?)");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), "-encoding", "UTF-8", file.toString());
        assertEquals(0, rc, "the example of " + DOC + " does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> example = loader.loadClass(cls);
            Object mixture = example.getMethod("data").invoke(null);
            double[] mean = (double[]) mixture.getClass().getMethod("mean").invoke(mixture);
            double[][] cov = (double[][]) mixture.getClass().getMethod("covariance").invoke(mixture);
            Method sampleMean = example.getMethod("sampleMean", int.class, long.class);
            double[] got = (double[]) sampleMean.invoke(null, N, 42L);
            assertEquals(mean.length, got.length, "sample mean of the wrong dimension");
            for (int j = 0; j < mean.length; j++) {
                double tol = 5 * Math.sqrt(cov[j][j] / N);
                assertEquals(mean[j], got[j], tol, "coordinate " + j + " of the sample mean (tolerance 5 standard errors)");
            }
            example.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        }
    }
}
