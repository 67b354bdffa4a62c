package io.diffusion4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormatsTest {

    @Test
    void safetensorsRoundTripAndLayout(@TempDir Path dir) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("a.weight", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        t.put("b", new Tensor(new long[] {1}, new float[] {-0.5f}));
        Path f = dir.resolve("m.safetensors");
        Safetensors.write(f, t, Map.of("step", "7"));
        Safetensors.Contents c = Safetensors.read(f);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.tensors().get("a.weight").data());
        assertArrayEquals(new long[] {2, 3}, c.tensors().get("a.weight").shape());
        assertEquals("7", c.metadata().get("step"));
        // Layout of the format: u64 header length, JSON header, data aligned to 8 bytes, little-endian F32.
        byte[] all = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"dtype\":\"F32\""));
        assertEquals(8 + n + 7 * 4, all.length);
        assertEquals(-0.5f, ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) (8 + n + 24)));
    }

    @Test
    void corruptSafetensorsIsAnIoError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThrows(IOException.class, () -> Safetensors.read(f));
    }

    @Test
    void npyRoundTripWithNumpyHeader(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.write(f, new Tensor(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6}));
        byte[] all = Files.readAllBytes(f);
        String header = new String(all, 10, ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getShort(8), StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }"), header);
        assertEquals(0, (10 + header.length()) % 64, "numpy pads the header to 64 bytes");
        Tensor t = Npy.read(f);
        assertArrayEquals(new long[] {3, 2}, t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.data());
        Npy.write(f, new Tensor(new long[] {4}, new float[] {1, 2, 3, 4}));
        assertArrayEquals(new long[] {4}, Npy.read(f).shape());
    }

    @Test
    void atomicWriteReplacesWholeFiles(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("c.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary files are left behind");
        }
    }
}
