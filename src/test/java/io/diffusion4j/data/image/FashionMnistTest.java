package io.diffusion4j.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTest {

    @Test
    void bundledSubsetHasTheAdvertisedBalancedCounts() {
        FashionMnist.Source s = FashionMnist.bundled();
        assertTrue(s.bundled());
        ImageSet train = s.load(FashionMnist.Split.TRAIN);
        ImageSet test = s.load(FashionMnist.Split.TEST);
        assertEquals(10_000, train.n());
        assertEquals(2_000, test.n());
        assertEquals(28, train.height());
        assertEquals(1, train.channels());
        for (int k = 0; k < 10; k++) {
            assertEquals(1000, train.indicesOf(k).length);
            assertEquals(200, test.indicesOf(k).length);
        }
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (float v : train.pixels()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertEquals(-1f, lo);  // byte 0 → −1 and byte 255 → 1: Fashion-MNIST uses the full range
        assertEquals(1f, hi);
    }

    @Test
    void idxRoundTripsPlainAndGzipped() throws IOException {
        byte[] data = {0, 1, 2, (byte) 255, 7, 9};
        byte[] gz = Idx.writeGzip(new int[] {2, 3}, data);
        Idx.Array a = Idx.read(new ByteArrayInputStream(gz), "gz");
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertArrayEquals(data, a.data());
        byte[] plain = {0, 0, 8, 1, 0, 0, 0, 2, 5, 6};
        assertArrayEquals(new byte[] {5, 6}, Idx.read(new ByteArrayInputStream(plain), "plain").data());
        assertThrows(IOException.class, () -> Idx.read(new ByteArrayInputStream(new byte[] {0, 0, 9, 1, 0, 0, 0, 0}), "f"));
    }

    @Test
    void lookupPrefersTheUserFolderThenTheSystemFolderAndSkipsIncompleteOnes(@TempDir Path tmp) throws IOException {
        Path user = tmp.resolve("user");
        Path system = tmp.resolve("system");
        writeFake(system, false, 3);
        Files.createDirectories(user);
        Files.write(user.resolve("train-images-idx3-ubyte.gz"), new byte[0]); // incomplete: skipped
        FashionMnist.Source s = FashionMnist.locate(user, system);
        assertEquals(system, s.dir());
        assertEquals(3, s.load(FashionMnist.Split.TEST).n());
        writeFake(user, true, 5);
        s = FashionMnist.locate(user, system);
        assertEquals(user, s.dir());
        ImageSet t = s.load(FashionMnist.Split.TRAIN);
        assertEquals(5, t.n());
        assertEquals(-1f, t.pixels()[0]);
        assertEquals(1f, t.pixels()[1]);
        assertTrue(FashionMnist.locate(tmp.resolve("none"), null).bundled());
        assertNull(FashionMnist.locate(null, tmp.resolve("none")).dir());
    }

    /** n images of 2×2 pixels (0, 255, 0, 255) with labels i mod 10, gzipped or plain. */
    private static void writeFake(Path dir, boolean plain, int n) throws IOException {
        Files.createDirectories(dir);
        byte[] px = new byte[n * 4];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            px[i * 4 + 1] = (byte) 255;
            px[i * 4 + 3] = (byte) 255;
            labels[i] = (byte) (i % 10);
        }
        for (FashionMnist.Split s : FashionMnist.Split.values()) {
            write(dir, s.imagesFile(), Idx.writeGzip(new int[] {n, 2, 2}, px), plain);
            write(dir, s.labelsFile(), Idx.writeGzip(new int[] {n}, labels), plain);
        }
    }

    private static void write(Path dir, String name, byte[] gz, boolean plain) throws IOException {
        if (plain) {
            Files.write(dir.resolve(name), new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        } else {
            Files.write(dir.resolve(name + ".gz"), gz);
        }
    }
}
