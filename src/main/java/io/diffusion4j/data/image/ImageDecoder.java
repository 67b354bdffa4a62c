package io.diffusion4j.data.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

/**
 * Decodes one PNG or JPEG file without trusting it: the size the header declares is checked against
 * {@link #MAX_SIDE} per side and {@link #MAX_PIXELS} in all before any pixel memory is allocated (a 100-byte file can
 * declare 40000×40000), a PNG must end with its IEND chunk (a truncated download is refused, not padded), and every
 * failure is one {@link IllegalArgumentException} naming the file.
 */
public final class ImageDecoder {
    /** The longest side read. */
    public static final int MAX_SIDE = 16_384;
    /** The most pixels read from one image (2^28). */
    public static final long MAX_PIXELS = 1L << 28;
    private static final byte[] IEND = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private ImageDecoder() {
    }

    public static BufferedImage decode(Path file) {
        boolean png = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
        try {
            if (png && !endsWithIend(file)) {
                throw new IllegalArgumentException(file + " is truncated (no PNG end chunk); copy or export the image again");
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                if (readers == null || !readers.hasNext()) {
                    throw new IllegalArgumentException("cannot decode image " + file + "; only PNG and JPEG are supported");
                }
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    int w = reader.getWidth(0);
                    int h = reader.getHeight(0);
                    if (w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
                        throw new IllegalArgumentException(file + " declares " + w + "×" + h + " pixels; images up to "
                                + MAX_SIDE + "×" + MAX_SIDE + " and " + MAX_PIXELS + " pixels are read (resize it first)");
                    }
                    return reader.read(0);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            throw new IllegalArgumentException("cannot read image " + file + " (" + why + "); the file is damaged or truncated");
        }
    }

    private static boolean endsWithIend(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 8 + 25 + IEND.length) {   // signature, IHDR chunk, IEND chunk
                return false;
            }
            ByteBuffer tail = ByteBuffer.allocate(IEND.length);
            while (tail.hasRemaining()) {
                if (ch.read(tail, ch.size() - IEND.length + tail.position()) < 0) {
                    return false;
                }
            }
            return Arrays.equals(tail.array(), IEND);
        }
    }
}
