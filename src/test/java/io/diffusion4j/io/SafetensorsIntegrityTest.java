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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checksums, half-precision reading and hostile headers in safetensors files. */
class SafetensorsIntegrityTest {

    static Map<String, Tensor> tensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor(new long[] {2, 2}, new float[] {1, -2, 3.5f, 4}));
        t.put("b", new Tensor(new long[] {1}, new float[] {0.25f}));
        return t;
    }

    @Test
    void aChangedByteFailsTheChecksumNamingTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.safetensors");
        Safetensors.write(f, tensors(), Map.of("step", "3"));
        assertTrue(Safetensors.read(f).metadata().containsKey(Safetensors.CRC_KEY));
        byte[] all = Files.readAllBytes(f);
        all[all.length - 3] ^= 0x10;   // a bit of the last float: the file still parses, only the data differ
        Files.write(f, all);
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void sameTensorsGiveTheSameBytesWhateverTheMetadataOrder(@TempDir Path dir) throws IOException {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("version", "1");
        ab.put("config", "{}");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("config", "{}");
        ba.put("version", "1");
        Safetensors.write(dir.resolve("a.safetensors"), tensors(), ab);
        Safetensors.write(dir.resolve("b.safetensors"), tensors(), ba);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.safetensors")), Files.readAllBytes(dir.resolve("b.safetensors")));
        String header = new String(Files.readAllBytes(dir.resolve("a.safetensors")), StandardCharsets.UTF_8);
        assertTrue(header.indexOf("\"config\"") < header.indexOf("\"d4j.crc32c\"")
                && header.indexOf("\"d4j.crc32c\"") < header.indexOf("\"version\""), header);
    }

    @Test
    void halfAndBfloatTensorsWithoutChecksumReadAsFloat(@TempDir Path dir) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        for (int h : new int[] {0x3C00, 0xC000, 0x3800, 0x0001, 0x7C00}) {   // 1, -2, 0.5, 2^-24 (subnormal), +inf
            data.putShort((short) h);
        }
        data.putShort((short) 0x3F80).putShort((short) 0xC040);               // bf16 1, -3
        Path f = handMade(dir, "{\"h\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[0,10]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1,2],\"data_offsets\":[10,14]}}", data.array());
        Safetensors.Contents c = Safetensors.read(f);
        assertArrayEquals(new float[] {1, -2, 0.5f, 0x1p-24f, Float.POSITIVE_INFINITY}, c.tensors().get("h").data());
        assertArrayEquals(new float[] {1, -3}, c.tensors().get("b").data());
        assertArrayEquals(new long[] {1, 2}, c.tensors().get("b").shape());
    }

    @Test
    void everyHalfConvertsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = Safetensors.halfToFloat((short) h);
            int exp = (h >>> 10) & 0x1f;
            if (exp == 0x1f) {
                assertTrue((h & 0x3ff) == 0 ? Float.isInfinite(f) : Float.isNaN(f), Integer.toHexString(h));
                continue;
            }
            double mant = (h & 0x3ff) / 1024.0;
            double expect = (exp == 0 ? mant * Math.pow(2, -14) : (1 + mant) * Math.pow(2, exp - 15)) * ((h & 0x8000) != 0 ? -1 : 1);
            assertEquals(expect, f, 0, Integer.toHexString(h));
        }
    }

    @Test
    void hostileHeadersAreRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).putLong(0).array());
        assertRefused(huge, "header length");
        Path beyond = handMade(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[250000],\"data_offsets\":[0,1000000]}}", new byte[8]);
        assertRefused(beyond, "beyond");
        Path shape = handMade(dir, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", new byte[8]);
        assertRefused(shape, "shape");
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertRefused(empty, "empty");
    }

    @Test
    void aTruncatedFileIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("checkpoint.safetensors");
        Safetensors.write(f, tensors(), Map.of());
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 4));
        assertRefused(f, "truncated");
    }

    @Test
    void theShippedModelsStillLoad() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("models"))) {
            for (Path p : s.filter(q -> q.toString().endsWith(".safetensors")).toList()) {
                assertFalse(Safetensors.read(p).tensors().isEmpty(), p.toString());
            }
        }
    }

    private static void assertRefused(Path f, String mentions) {
        IOException e = assertThrows(IOException.class, () -> Safetensors.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static Path handMade(Path dir, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve("hand" + Math.abs(header.hashCode()) + ".safetensors");
        Files.write(f, b.array());
        return f;
    }
}
