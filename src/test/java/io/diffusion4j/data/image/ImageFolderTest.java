package io.diffusion4j.data.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderTest {

    @Test
    void grayscaleImagesRoundTripThroughPngExactly(@TempDir Path tmp) throws IOException {
        float[] px = new float[2 * 3 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = ImageSet.fromByte(i * 10);
        }
        ImageSet set = new ImageSet(2, 1, 3, 4, px, null, List.of());
        Png.write(tmp.resolve("a.png"), set, 0, 1);
        Png.write(tmp.resolve("b.png"), set, 1, 1);
        ImageSet back = ImageFolder.read(tmp, 0);
        assertEquals(1, back.channels());
        assertNull(back.labels());
        assertArrayEquals(px, back.pixels()); // 8-bit PNG holds the bytes exactly
    }

    @Test
    void subFoldersAreClassesAndColourMakesRgb(@TempDir Path tmp) throws IOException {
        write(tmp.resolve("cats"), "1.png", 8, 8, 0x808080);
        write(tmp.resolve("cats"), "2.png", 8, 8, 0x101010);
        write(tmp.resolve("dogs"), "1.jpg", 8, 8, 0xFF0000);
        ImageSet set = ImageFolder.read(tmp, 0);
        assertEquals(List.of("cats", "dogs"), set.classes());
        assertArrayEquals(new int[] {0, 0, 1}, set.labels());
        assertEquals(3, set.channels());
        float red = set.pixels()[2 * set.imageSize()];
        float green = set.pixels()[2 * set.imageSize() + 64];
        assertTrue(red > 0.9f && green < -0.9f, "red " + red + " green " + green); // JPEG is lossy: loose bounds
    }

    @Test
    void mixedSizesNeedImageSize(@TempDir Path tmp) throws IOException {
        write(tmp, "a.png", 8, 8, 0x404040);
        write(tmp, "b.png", 6, 10, 0x404040);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(tmp, 0));
        assertTrue(e.getMessage().contains("--image-size"), e.getMessage());
        ImageSet set = ImageFolder.read(tmp, 4);
        assertEquals(4, set.height());
        assertEquals(4, set.width());
        assertEquals(ImageSet.fromByte(0x40), set.pixels()[5], 1e-6); // a flat image stays flat when resized
    }

    @Test
    void missingFolderNamesTheDataOption(@TempDir Path tmp) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageFolder.read(tmp.resolve("nope"), 0));
        assertTrue(e.getMessage().contains("--data fashion-mnist"), e.getMessage());
    }

    private static void write(Path dir, String name, int w, int h, int rgb) throws IOException {
        Files.createDirectories(dir);
        boolean gray = ((rgb >> 16) & 0xFF) == (rgb & 0xFF) && ((rgb >> 8) & 0xFF) == (rgb & 0xFF);
        BufferedImage img = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, name.endsWith(".png") ? "png" : "jpg", dir.resolve(name).toFile());
    }
}
