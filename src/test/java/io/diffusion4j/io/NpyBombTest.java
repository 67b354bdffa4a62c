package io.diffusion4j.io;

import io.diffusion4j.data.PointFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** .npy files whose header lies about their size are refused in one line before anything is allocated. */
class NpyBombTest {

    /** A version-1 file with the given header text and data bytes (header not padded: the reader must not care). */
    static Path npy(Path dir, String name, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return Files.write(dir.resolve(name), b.array());
    }

    static String header(String shape) {
        return "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }\n";
    }

    @Test
    void hugeNegativeAndOverflowingShapesAreRefused(@TempDir Path dir) throws IOException {
        assertRefused(npy(dir, "huge.npy", header("100000, 100000"), 16), "values; split");
        assertRefused(npy(dir, "negative.npy", header("-1, 4"), 16), "shape");
        assertRefused(npy(dir, "overflow.npy", header("4294967296, 4294967296, 4294967296"), 16), "shape");
        assertRefused(npy(dir, "garbage.npy", header("3, x"), 16), "shape");
    }

    @Test
    void dataShorterThanTheShapeIsRefused(@TempDir Path dir) throws IOException {
        assertRefused(npy(dir, "short.npy", header("1000, 2"), 16), "truncated");
    }

    @Test
    void anAbsurdHeaderLengthIsRefused(@TempDir Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0x7fffffff);
        Path v2 = Files.write(dir.resolve("v2.npy"), b.array());
        assertRefused(v2, "header length");
        ByteBuffer c = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        c.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) 0xfff0);
        assertRefused(Files.write(dir.resolve("v1.npy"), c.array()), "header length");
        assertRefused(Files.write(dir.resolve("empty.npy"), new byte[0]), "empty");
    }

    @Test
    void anHonestFileStillReads(@TempDir Path dir) throws IOException {
        Path f = npy(dir, "ok.npy", header("2, 1"), 8);
        assertArrayEquals(new long[] {2, 1}, Npy.read(f).shape());
    }

    @Test
    void trainingPointsWithNanAreRefusedNamingTheFirstIndex(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("points.npy");
        Npy.write(f, new Tensor(new long[] {3, 2}, new float[] {0, 1, 2, Float.NaN, 4, Float.POSITIVE_INFINITY}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PointFiles.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("index 3 (row 1, column 1)"), e.getMessage());
        Path csv = Files.writeString(dir.resolve("points.csv"), "x,y\n0,1\n2,Infinity\n");
        e = assertThrows(IllegalArgumentException.class, () -> PointFiles.read(csv));
        assertTrue(e.getMessage().contains("index 3"), e.getMessage());
    }

    private static void assertRefused(Path f, String mentions) {
        IOException e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(mentions), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
