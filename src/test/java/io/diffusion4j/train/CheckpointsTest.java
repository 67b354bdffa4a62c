package io.diffusion4j.train;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A checkpoint keeps a verified spare, and an unreadable checkpoint falls back to it. */
class CheckpointsTest {

    static Map<String, Tensor> at(float v) {
        return Map.of("w", new Tensor(new long[] {3}, new float[] {v, v, v}));
    }

    @Test
    void eachSaveKeepsThePreviousCheckpointAsTheSpare(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("checkpoint.safetensors");
        Checkpoints.save(ck, at(1), Map.of("step", "10"));
        assertFalse(Files.exists(Checkpoints.previous(ck)));
        Checkpoints.save(ck, at(2), Map.of("step", "20"));
        assertEquals(dir.resolve("checkpoint.prev.safetensors"), Checkpoints.previous(ck));
        assertEquals("10", Safetensors.read(Checkpoints.previous(ck)).metadata().get("step"));
        assertEquals("20", Safetensors.read(ck).metadata().get("step"));
        assertFalse(Files.exists(Checkpoints.next(ck)), "no leftover");
    }

    @Test
    void garbledTruncatedOrEmptyCheckpointsFallBackToTheSpare(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("checkpoint.safetensors");
        for (String damage : new String[] {"garbled", "truncated", "empty", "missing"}) {
            Checkpoints.save(ck, at(1), Map.of("step", "10"));
            Checkpoints.save(ck, at(2), Map.of("step", "20"));
            byte[] all = Files.readAllBytes(ck);
            switch (damage) {
                case "garbled" -> {
                    all[all.length - 1] ^= 0x55;
                    Files.write(ck, all);
                }
                case "truncated" -> Files.write(ck, Arrays.copyOf(all, all.length / 2));
                case "empty" -> Files.write(ck, new byte[0]);
                default -> Files.delete(ck);
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Safetensors.Contents c = Checkpoints.load(ck, k -> k.metadata().containsKey("step"),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals("10", c.metadata().get("step"), damage);
            assertArrayEquals(new float[] {1, 1, 1}, c.tensors().get("w").data());
            String warning = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, warning.lines().count(), warning);
            assertTrue(warning.startsWith("warning: ") && warning.contains("checkpoint.prev.safetensors"), warning);
        }
    }

    @Test
    void bothBadIsOneLine(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("checkpoint.safetensors");
        Files.write(ck, new byte[] {1, 2, 3});
        Files.write(Checkpoints.previous(ck), new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(ck));
        assertTrue(e.getMessage().contains(ck.toString()) && e.getMessage().contains("spare is unusable"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Files.delete(Checkpoints.previous(ck));
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(ck));
        assertTrue(e.getMessage().contains("no checkpoint.prev.safetensors"), e.getMessage());
    }

    @Test
    void aTrainerResumesFromTheSpareWhenTheCheckpointIsDamaged(@TempDir Path dir) throws IOException {
        Path ck = dir.resolve("checkpoint.safetensors");
        try (NDManager m = Engines.newManager(); Trainer t = ResumeTest.trainer(m)) {
            t.trainStep();
            t.saveCheckpoint(ck, null);
            t.trainStep();
            t.saveCheckpoint(ck, null);
        }
        Files.write(ck, Arrays.copyOf(Files.readAllBytes(ck), 100));
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (NDManager m = Engines.newManager(); Trainer t = ResumeTest.trainer(m)) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            t.restore(ck);
            assertEquals(1, t.step(), "the spare holds step 1");
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("resuming from checkpoint.prev.safetensors"), err.toString());
    }
}
