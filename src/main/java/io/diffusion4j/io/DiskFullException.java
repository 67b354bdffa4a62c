package io.diffusion4j.io;

import java.nio.file.Path;

/**
 * A write that ran out of disk space. It is an {@link IllegalArgumentException} so the CLI reports it as one line
 * with exit code 2: the user can free space and run again, and the message says what was kept.
 */
public final class DiskFullException extends IllegalArgumentException {
    private final Path file;

    DiskFullException(Path file, boolean previousKept) {
        this(file, previousKept ? "the previous " + file.getFileName() + " is kept unchanged" : "no partial file was left behind");
    }

    /** Writing {@code file} failed for lack of space; {@code kept} says what the user still has. */
    public DiskFullException(Path file, String kept) {
        super("disk full: writing " + file + " failed; " + kept + " (free some space and run again)");
        this.file = file;
    }

    /** The file that could not be written. */
    public Path file() {
        return file;
    }
}
