package io.diffusion4j.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exclusive right to write one run directory: an operating-system lock on {@code DIR/.lock} held for the life of
 * the command, with the holder's process id written into the file. A second writer (another process, or another
 * thread of this one) is refused with one line naming the holder; the lock goes when the holder ends, even if it is
 * killed, so a stale {@code .lock} file never blocks a later run. The thread holding the lock may take it again
 * (a command that trains and then writes its report into the run); it is released when the outermost holder closes.
 * Nothing else in the process may open {@code .lock}: closing any descriptor of it drops a POSIX lock.
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside a run directory. */
    public static final String FILE = ".lock";
    private static final Map<Path, RunLock> HELD = new HashMap<>();
    private static final List<FileChannel> STRAY = new ArrayList<>();
    private final Path key;
    private final Thread owner = Thread.currentThread();
    private final FileChannel channel;
    private final FileLock lock;
    private int depth = 1;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock on {@code dir} (created if needed), or throws a one-line {@link IllegalArgumentException}. */
    public static RunLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path key = dir.toRealPath();
        synchronized (HELD) {
            RunLock held = HELD.get(key);
            if (held != null) {
                if (held.owner != Thread.currentThread()) {
                    throw inUse(dir, String.valueOf(ProcessHandle.current().pid()));
                }
                held.depth++;
                return held;
            }
            RunLock taken = take(dir, key);
            HELD.put(key, taken);
            return taken;
        }
    }

    private static RunLock take(Path dir, Path key) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM under another name of the same folder: closing this channel would drop that lock
            // (POSIX locks belong to the process and go with any descriptor of the file), so it is kept open
            STRAY.add(ch);
            throw inUse(dir, String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw inUse(dir, holder);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ByteBuffer buf = ByteBuffer.wrap(pid);
            while (buf.hasRemaining()) {
                ch.write(buf, buf.position());
            }
            ch.force(true);
        } catch (IOException e) {
            lock.release();
            ch.close();
            throw e;
        }
        return new RunLock(key, ch, lock);
    }

    private static IllegalArgumentException inUse(Path dir, String holder) {
        return new IllegalArgumentException(dir + " is in use by process " + holder
                + "; wait for it to finish (or stop it) before writing this run again");
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            ch.read(buf, 0);
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("\\d+") ? s : "(unknown)";
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (--depth > 0) {
                return;
            }
            HELD.remove(key);
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
