package io.diffusion4j.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks that an output can be written, before any training or sampling starts: the name is not empty, it is not
 * under {@code /proc}, {@code /sys} or {@code /dev}, a file is not an existing directory and its folder exists and is
 * writable, a run folder is a directory (or can be created: its nearest existing ancestor is a writable folder).
 * Each refusal is one {@link IllegalArgumentException} line naming the option.
 */
public final class OutputPaths {
    private static final String[] SYSTEM = {"/proc", "/sys", "/dev"};

    private OutputPaths() {
    }

    /** {@code file} (null passes) as a file the command may write, atomically, beside its temporary. */
    public static Path requireWritableFile(Path file, String option) {
        if (file == null) {
            return null;
        }
        Path abs = absolute(file, option);
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; give a file name inside it");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new IllegalArgumentException(option + " " + file + " exists and is not writable");
        }
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": folder " + parent + " does not exist; create it first");
        }
        if (!Files.isWritable(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": folder " + parent + " is not writable");
        }
        return file;
    }

    /** {@code dir} as a folder the command may create (with its parents) or write into. */
    public static Path requireWritableDir(Path dir, String option) {
        Path abs = absolute(dir, option);
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + dir + " is a file, not a folder; give a folder name");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + dir + ": " + existing + " is a file, so the folder cannot be created");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " " + dir + ": folder " + existing + " is not writable");
        }
        return dir;
    }

    private static Path absolute(Path p, String option) {
        if (p == null || p.toString().isBlank()) {
            throw new IllegalArgumentException(option + " is empty; give a path");
        }
        Path abs;
        try {
            abs = p.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " " + p + " is not a valid path");
        }
        String s = abs.toString();
        for (String sys : SYSTEM) {
            if (s.equals(sys) || s.startsWith(sys + "/")) {
                throw new IllegalArgumentException(option + " " + p + " is under " + sys + ", a system folder; write elsewhere");
            }
        }
        return abs;
    }
}
