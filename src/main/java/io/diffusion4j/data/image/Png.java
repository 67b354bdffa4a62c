package io.diffusion4j.data.image;

import io.diffusion4j.io.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes images in [−1, 1] as PNG: one image, or a grid of rows × cols images (row-major, separated by a gutter,
 * each pixel enlarged {@code scale} times; a single image has no gutter), grayscale for one channel and RGB for three. Writes are atomic.
 */
public final class Png {
    private static final int GUTTER = 2;
    private static final int GUTTER_GRAY = 255;

    private Png() {
    }

    /** Image i of the set as a PNG file. */
    public static void write(Path file, ImageSet images, int i, int scale) throws IOException {
        write(file, images.select(new int[] {i}), 1, 1, scale, 0);
    }

    /** The first rows·cols images as a grid; missing cells stay white. */
    public static void writeGrid(Path file, ImageSet images, int rows, int cols, int scale) throws IOException {
        write(file, images, rows, cols, scale, GUTTER);
    }

    private static void write(Path file, ImageSet images, int rows, int cols, int scale, int gutter) throws IOException {
        if (rows < 1 || cols < 1 || scale < 1) {
            throw new IllegalArgumentException("a grid needs rows, cols and scale >= 1, got " + rows + "x" + cols + " ×" + scale);
        }
        if (images.channels() != 1 && images.channels() != 3) {
            throw new IllegalArgumentException("PNG needs 1 or 3 channels, got " + images.channels());
        }
        int h = images.height() * scale;
        int w = images.width() * scale;
        int c = images.channels();
        BufferedImage out = new BufferedImage(cols * w + (cols + 1) * gutter, rows * h + (rows + 1) * gutter,
                c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster r = out.getRaster();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                for (int b = 0; b < c; b++) {
                    r.setSample(x, y, b, GUTTER_GRAY);
                }
            }
        }
        float[] p = images.pixels();
        int hw = images.height() * images.width();
        for (int k = 0; k < Math.min(images.n(), rows * cols); k++) {
            int ox = gutter + (k % cols) * (w + gutter);
            int oy = gutter + (k / cols) * (h + gutter);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = k * images.imageSize() + (y / scale) * images.width() + x / scale;
                    for (int b = 0; b < c; b++) {
                        r.setSample(ox + x, oy + y, b, ImageSet.toByte(p[base + b * hw]));
                    }
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
