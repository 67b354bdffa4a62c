package io.diffusion4j.io;

import io.diffusion4j.data.image.ImageSet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes images in [−1, 1] as PNG: one image, or a grid of rows × cols images (row-major, separated by a gutter,
 * each pixel enlarged {@code scale} times), grayscale for one channel and RGB for three. Writes are atomic.
 */
public final class Png {
    private static final int GUTTER = 2;
    private static final int GUTTER_GRAY = 255;

    private Png() {
    }

    /** Image i of the set as a PNG file. */
    public static void write(Path file, ImageSet images, int i, int scale) throws IOException {
        writeGrid(file, images.select(new int[] {i}), 1, 1, scale);
    }

    /** The first rows·cols images as a grid; missing cells stay white. */
    public static void writeGrid(Path file, ImageSet images, int rows, int cols, int scale) throws IOException {
        if (rows < 1 || cols < 1 || scale < 1) {
            throw new IllegalArgumentException("a grid needs rows, cols and scale >= 1, got " + rows + "x" + cols + " ×" + scale);
        }
        if (images.channels() != 1 && images.channels() != 3) {
            throw new IllegalArgumentException("PNG needs 1 or 3 channels, got " + images.channels());
        }
        int h = images.height() * scale;
        int w = images.width() * scale;
        BufferedImage out = new BufferedImage(cols * w + (cols + 1) * GUTTER, rows * h + (rows + 1) * GUTTER,
                BufferedImage.TYPE_INT_RGB);
        int white = (GUTTER_GRAY << 16) | (GUTTER_GRAY << 8) | GUTTER_GRAY;
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, white);
            }
        }
        for (int k = 0; k < Math.min(images.n(), rows * cols); k++) {
            int ox = GUTTER + (k % cols) * (w + GUTTER);
            int oy = GUTTER + (k / cols) * (h + GUTTER);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out.setRGB(ox + x, oy + y, rgb(images, k, y / scale, x / scale));
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }

    private static int rgb(ImageSet images, int k, int y, int x) {
        int hw = images.height() * images.width();
        int base = k * images.imageSize() + y * images.width() + x;
        float[] p = images.pixels();
        int r = ImageSet.toByte(p[base]);
        if (images.channels() == 1) {
            return (r << 16) | (r << 8) | r;
        }
        return (r << 16) | (ImageSet.toByte(p[base + hw]) << 8) | ImageSet.toByte(p[base + 2 * hw]);
    }
}
