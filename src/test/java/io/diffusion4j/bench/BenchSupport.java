package io.diffusion4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers shared by the bench mains (never run in CI). */
final class BenchSupport {
    private BenchSupport() {
    }

    /** Resident set size of this process in KiB, from /proc/self/status. */
    static long rssKiB() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }

    static int intArg(String[] args, int i, int def) {
        return args.length > i ? Integer.parseInt(args[i]) : def;
    }
}
