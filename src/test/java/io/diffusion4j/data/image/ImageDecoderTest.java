package io.diffusion4j.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Image files that lie about their size or end early are refused in one line, before pixels are allocated. */
class ImageDecoderTest {

    /** A well-formed PNG (valid CRCs) that declares width × height but carries a few bytes of pixel data. */
    static byte[] bombPng(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater z = new Deflater();
        z.setInput(new byte[64]);
        z.finish();
        byte[] idat = new byte[128];
        int n = z.deflate(idat);
        chunk(out, "IDAT", Arrays.copyOf(idat, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] realPng(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 13) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void aPngDeclaring40000By40000IsRefusedFromItsHeader(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("bomb.png"), bombPng(40_000, 40_000));
        assertTrue(Files.size(f) < 200, "the bomb is tiny: " + Files.size(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("40000×40000"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        Path wide = Files.write(dir.resolve("wide.png"), bombPng(16_385, 1));
        assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(wide));
    }

    @Test
    void truncatedPngsAreRefused(@TempDir Path dir) throws IOException {
        byte[] png = realPng(32, 32);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(cut));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        // cut inside the pixel data, end chunk glued back on: the decoder itself must notice
        byte[] spliced = Arrays.copyOf(png, png.length / 2 + 12);
        System.arraycopy(png, png.length - 12, spliced, png.length / 2, 12);
        Path glued = Files.write(dir.resolve("glued.png"), spliced);
        e = assertThrows(IllegalArgumentException.class, () -> ImageDecoder.decode(glued));
        assertTrue(e.getMessage().contains(glued.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anHonestPngDecodes(@TempDir Path dir) throws IOException {
        Path f = Files.write(dir.resolve("ok.png"), realPng(5, 3));
        BufferedImage img = ImageDecoder.decode(f);
        assertEquals(5, img.getWidth());
        assertEquals(3, img.getHeight());
    }
}
