package io.diffusion4j.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk for real: a 1 MiB tmpfs mounted for the test (skipped, saying why, where the process may not mount
 * one, e.g. not root or no mount privilege). A write that does not fit fails with one line and leaves the previous
 * file and no temporary file behind; a safetensors checkpoint that does not fit keeps the old one readable.
 */
class RealDiskFullTest {
    private Path mount;

    @BeforeEach
    void mountTinyFilesystem() throws Exception {
        mount = Files.createTempDirectory("d4j-tiny");
        boolean ok;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
            ok = p.waitFor() == 0;
        } catch (IOException e) {
            ok = false;
        }
        assumeTrue(ok, "cannot mount a 1 MiB tmpfs here (needs root and mount privileges); the simulated disk-full case"
                + " in AtomicFilesTest still runs");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", mount.toString()).start().waitFor();
        Files.deleteIfExists(mount);
    }

    @Test
    void aWriteThatDoesNotFitKeepsThePreviousFile() throws IOException {
        Path target = mount.resolve("samples.npy");
        byte[] small = new byte[300_000];
        java.util.Arrays.fill(small, (byte) 7);
        AtomicFiles.write(target, small);
        DiskFullException e = assertThrows(DiskFullException.class, () -> AtomicFiles.write(target, new byte[2_000_000]));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
        assertArrayEquals(small, Files.readAllBytes(target), "the previous file is intact");
        try (var files = Files.list(mount)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aCheckpointThatDoesNotFitKeepsTheOldOne() throws IOException {
        Path ckpt = mount.resolve("checkpoint.safetensors");
        Safetensors.write(ckpt, Map.of("w", new Tensor(new long[] {1000}, new float[1000])), Map.of("step", "1"));
        assertThrows(DiskFullException.class, () -> Safetensors.write(ckpt,
                Map.of("w", new Tensor(new long[] {400_000}, new float[400_000])), Map.of("step", "2")));
        assertEquals("1", Safetensors.read(ckpt).metadata().get("step"), "the old checkpoint still loads");
    }
}
