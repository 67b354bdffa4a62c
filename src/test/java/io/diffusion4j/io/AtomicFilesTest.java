package io.diffusion4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The atomic writer: ordinary permissions, all or nothing, a full disk in one line, orphans cleaned. */
class AtomicFilesTest {

    @Test
    void writtenFilesHaveTheUmaskPermissionsNotTempFilePermissions(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path f = dir.resolve("model.safetensors");
        AtomicFiles.writeString(f, "x");
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
        // under the usual umask 022 this is rw-r--r--; createTempFile would give rw-------
        assertTrue(p.contains(PosixFilePermission.OWNER_READ) && p.contains(PosixFilePermission.OWNER_WRITE), p.toString());
        assertTrue(p.contains(PosixFilePermission.GROUP_READ), "group can read: " + PosixFilePermissions.toString(p));
        assertTrue(p.contains(PosixFilePermission.OTHERS_READ), "others can read: " + PosixFilePermissions.toString(p));
        assertFalse(p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE), p.toString());
    }

    @Test
    void aWriterFailingMidwayLeavesThePreviousFileAndNoTemp(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("config.json");
        AtomicFiles.writeString(f, "old\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("new half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("encoder failed");
        }));
        assertEquals("encoder failed", e.getMessage());
        assertEquals("old\n", Files.readString(f));
        assertEquals(1, entries(dir), "the temporary file was removed");
    }

    @Test
    void aReadOnlyFolderKeepsThePreviousFile(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path sub = Files.createDirectories(dir.resolve("run"));
        Path f = sub.resolve("metrics.csv");
        AtomicFiles.writeString(f, "step,loss\n1,0.5\n");
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(sub), "running as root: a read-only folder is still writable");
            assertThrows(IOException.class, () -> AtomicFiles.writeString(f, "step,loss\n"));
            assertEquals("step,loss\n1,0.5\n", Files.readString(f));
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(1, entries(sub));
    }

    @Test
    void aFailedRenameLeavesTheTargetAndNoTemp(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectories(dir.resolve("grid.png"));   // a folder in the way: the move must fail
        Files.writeString(target.resolve("inside"), "user data");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1, 2, 3}));
        assertEquals("user data", Files.readString(target.resolve("inside")));
        assertEquals(1, entries(dir), "the temporary file was removed");
    }

    @Test
    void aFullDiskIsOneLineSayingWhatIsKept(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("checkpoint.safetensors");
        AtomicFiles.writeString(f, "previous");
        DiskFullException e = assertThrows(DiskFullException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().startsWith("disk full: writing " + f.toAbsolutePath() + " failed; the previous"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e instanceof IllegalArgumentException, "the CLI maps it to exit 2");
        assertEquals("previous", Files.readString(f));
        assertEquals(1, entries(dir));
    }

    @Test
    void tempFilesAreUniqueAndOrphansOfDeadProcessesAreRemoved(@TempDir Path dir) throws IOException {
        Path dead = dir.resolve(".model.safetensors" + AtomicFiles.TEMP_MARK + Long.MAX_VALUE + "-1");
        Path mine = dir.resolve(".model.safetensors" + AtomicFiles.TEMP_MARK + ProcessHandle.current().pid() + "-99999");
        Files.writeString(dead, "half");
        Files.writeString(mine, "in flight");
        Files.writeString(dir.resolve("keep.txt"), "user file");
        assertTrue(AtomicFiles.isTemp(dead) && !AtomicFiles.isTemp(dir.resolve("keep.txt")));
        assertEquals(1, AtomicFiles.removeOrphans(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine) && Files.exists(dir.resolve("keep.txt")));
    }

    @Test
    void aWriterClosedWritesItsTextAtOnce(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("ber.csv");
        try (var w = AtomicFiles.newWriter(f)) {
            w.write("a,b\n");
            assertFalse(Files.exists(f), "nothing lands before close");
        }
        assertEquals("a,b\n", Files.readString(f));
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static void assumeFalse(boolean b, String why) {
        assumeTrue(!b, why);
    }
}
