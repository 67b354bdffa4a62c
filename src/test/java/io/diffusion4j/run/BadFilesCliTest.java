package io.diffusion4j.run;

import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged or hostile files given to the CLI end in one line naming the file, exit 2, no stack trace. */
class BadFilesCliTest {

    static void assertOneLine(String[] args, String mentions) {
        int[] code = new int[1];
        String err = ResumeReliabilityTest.stderrOf(code, args);
        assertEquals(2, code[0], err);
        List<String> lines = err.lines().filter(l -> l.startsWith("d4j:")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).contains(mentions), lines.get(0) + " should name " + mentions);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void aModelThatFailsItsChecksumIsOneLine(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int[] code = new int[1];
        ResumeReliabilityTest.stderrOf(code, ResumeReliabilityTest.train(run));
        assertEquals(0, code[0]);
        Path model = run.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(model);
        all[all.length - 2] ^= 1;
        Files.write(model, all);
        assertOneLine(new String[] {"sample", "--run", run.toString(), "--steps", "5", "--n", "10", "--out",
            dir.resolve("s.npy").toString()}, "checksum");
    }

    @Test
    void hostileOrNonFiniteTrainingDataIsOneLine(@TempDir Path dir) throws Exception {
        Path bomb = bomb(dir);
        assertOneLine(new String[] {"train", "--data", bomb.toString(), "--out", dir.resolve("a").toString()}, bomb.toString());
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new Tensor(new long[] {2, 2}, new float[] {0, 1, Float.NaN, 3}));
        assertOneLine(new String[] {"train", "--data", nan.toString(), "--out", dir.resolve("b").toString()}, "index 2");
        assertFalse(Files.exists(dir.resolve("b/config.json")), "nothing was written");
    }

    /** A .npy header claiming 10^10 float32 values in a 100-byte file. */
    private static Path bomb(Path dir) throws Exception {
        String h = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }\n";
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(10 + h.length() + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length()).put(h.getBytes());
        return Files.write(dir.resolve("bomb.npy"), b.array());
    }
}
