package io.diffusion4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes that never leave a half-written file. The bytes go to a temporary file beside the target (same folder, so the
 * rename stays on one file system), named {@code .NAME.d4j-tmp-PID-N} so that two processes or threads never share
 * one, created as an ordinary file (the process umask applies: 0644 under umask 022). Every byte is written, the file
 * is forced to disk and its size checked, then it is renamed over the target in one atomic move and the folder itself
 * is forced so the rename survives a crash. On any failure the temporary file is deleted and the previous target is
 * left as it was; a full disk becomes a {@link DiskFullException} (one line, exit 2 in the CLI).
 */
public final class AtomicFiles {
    /** What marks a temporary file of this class in its name. */
    static final String TEMP_MARK = ".d4j-tmp-";
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** Produces a file's content onto a stream (the stream is closed by the caller). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes), bytes.length);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes whatever {@code content} produces (e.g. an image encoder that writes to a stream). */
    public static void write(Path target, Content content) throws IOException {
        write(target, content, -1);
    }

    private static void write(Path target, Content content, long expected) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = dir.resolve("." + abs.getFileName() + TEMP_MARK + PID + "-" + COUNTER.incrementAndGet());
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                CountingStream out = new CountingStream(ch);
                BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                content.writeTo(buffered);
                buffered.flush();
                ch.force(true);
                long size = ch.size();
                if (size != out.count || (expected >= 0 && size != expected)) {
                    throw new IOException("short write: " + size + " of " + Math.max(expected, out.count) + " bytes reached the disk");
                }
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            forceDirectory(dir);
        } catch (IOException e) {
            if (isDiskFull(e)) {
                throw new DiskFullException(abs, moved || Files.exists(abs));
            }
            throw e;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A text writer whose content lands in {@code target} atomically when it is closed (until then nothing on disk
     * changes); for CSV files filled row by row.
     */
    public static Writer newWriter(Path target) {
        return new StringWriter() {
            private boolean closed;

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    writeString(target, toString());
                }
            }
        };
    }

    /** Forces a folder's entries (a rename) to disk; a no-op where the platform cannot open folders. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems and platforms cannot fsync a folder; the rename itself is still atomic
        }
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("No space left on device")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code file} is a temporary file of this class. */
    public static boolean isTemp(Path file) {
        String n = file.getFileName().toString();
        return n.startsWith(".") && n.contains(TEMP_MARK);
    }

    /**
     * Deletes the temporary files in {@code dir} that no live writer owns (left by a process that was killed
     * mid-write) and returns how many went. Files of this process and of running processes stay.
     */
    public static int removeOrphans(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(AtomicFiles::isTemp).toList()) {
                long owner = owner(p);
                if (owner != PID && (owner < 0 || !ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false))) {
                    removed += Files.deleteIfExists(p) ? 1 : 0;
                }
            }
        }
        return removed;
    }

    private static long owner(Path tmp) {
        String n = tmp.getFileName().toString();
        String tail = n.substring(n.lastIndexOf(TEMP_MARK) + TEMP_MARK.length());
        int dash = tail.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? tail : tail.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A stream onto the channel that loops until each buffer is fully written and counts the bytes. */
    private static final class CountingStream extends OutputStream {
        private final SeekableByteChannel ch;
        private long count;

        CountingStream(SeekableByteChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            count += len;
        }

        @Override
        public void close() {
            // the channel is closed by the writer after it is forced
        }
    }
}
