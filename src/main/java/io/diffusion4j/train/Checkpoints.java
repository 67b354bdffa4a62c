package io.diffusion4j.train;

import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.io.DiskFullException;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A checkpoint file with a spare: {@code NAME.safetensors} and the one before it, {@code NAME.prev.safetensors}.
 * A save writes the new file beside the old one ({@code NAME.next.safetensors}, atomically), reads it back (which
 * checks its CRC32C), and only then turns the current file into the spare and the new one into the current, so at
 * every moment at least one complete, verified checkpoint is on disk. A load that finds the current file missing,
 * empty, truncated or garbled takes the spare with a one-line warning; when both are bad it is one line (exit 2).
 */
public final class Checkpoints {
    private static final String EXT = ".safetensors";

    private Checkpoints() {
    }

    /** The spare beside {@code file}: checkpoint.safetensors → checkpoint.prev.safetensors. */
    public static Path previous(Path file) {
        return sibling(file, ".prev");
    }

    static Path next(Path file) {
        return sibling(file, ".next");
    }

    private static Path sibling(Path file, String tag) {
        String n = file.getFileName().toString();
        String stem = n.endsWith(EXT) ? n.substring(0, n.length() - EXT.length()) : n;
        return file.resolveSibling(stem + tag + EXT);
    }

    /** Whether a checkpoint (current or spare) is there to resume from. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file) || Files.isRegularFile(previous(file));
    }

    /** Writes a new checkpoint, keeping the old one as the spare; the old files stay if anything fails. */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Path next = next(file);
        try {
            Safetensors.write(next, tensors, metadata);
            Safetensors.Contents back = Safetensors.read(next);
            if (back.tensors().size() != tensors.size()) {
                throw new IOException(next + " read back with " + back.tensors().size() + " of " + tensors.size() + " tensors");
            }
        } catch (DiskFullException e) {
            Files.deleteIfExists(next);
            throw new DiskFullException(file.toAbsolutePath(), Files.isRegularFile(file)
                    ? "the previous " + file.getFileName() + " is kept unchanged" : "no partial file was left behind");
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(next);
            throw e;
        }
        if (Files.isRegularFile(file)) {
            Files.move(file, previous(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.forceDirectory(file.toAbsolutePath().getParent());
    }

    /** Deletes a new checkpoint that a killed save left unpromoted (run on resume); returns whether there was one. */
    public static boolean removeLeftover(Path file) throws IOException {
        return Files.deleteIfExists(next(file));
    }

    /** Reads the checkpoint, or its spare when it is unreadable (warning on stderr). */
    public static Safetensors.Contents load(Path file) {
        return load(file, c -> true, System.err);
    }

    /**
     * Reads the checkpoint, falling back to the spare when the current file is unreadable or fails {@code valid}
     * (e.g. lacks the step); both bad is an {@link IllegalArgumentException} naming both.
     */
    public static Safetensors.Contents load(Path file, Predicate<Safetensors.Contents> valid, PrintStream warnings) {
        Path prev = previous(file);
        String why;
        try {
            return read(file, valid);
        } catch (IOException e) {
            why = oneLine(e);
        }
        if (!Files.isRegularFile(prev)) {
            throw new IllegalArgumentException(why + "; there is no " + prev.getFileName()
                    + " to fall back to (drop --resume to start the run again)");
        }
        try {
            Safetensors.Contents c = read(prev, valid);
            warnings.println("warning: " + why + "; resuming from " + prev.getFileName() + " instead");
            return c;
        } catch (IOException e) {
            throw new IllegalArgumentException(why + ", and the spare is unusable too (" + oneLine(e)
                    + "); drop --resume to start the run again");
        }
    }

    private static Safetensors.Contents read(Path file, Predicate<Safetensors.Contents> valid) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing");
        }
        Safetensors.Contents c = Safetensors.read(file);
        if (!valid.test(c)) {
            throw new IOException(file + " is not a training checkpoint (no step)");
        }
        return c;
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
