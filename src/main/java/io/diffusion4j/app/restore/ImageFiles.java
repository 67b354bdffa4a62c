package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.data.image.ImageFolder;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The image files {@code d4j restore} reads and writes: PNG (pixels 0..255 mapped to [−1, 1], grayscale as one
 * channel, colour as RGB) or .npy arrays (H, W), (C, H, W) or (1, C, H, W), always returned as (C, H, W).
 */
final class ImageFiles {
    private ImageFiles() {
    }

    static boolean isPng(Path file) {
        return file.toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** Refuses a file name that is neither .png nor .npy. */
    static void requireFormat(Path file, String option) {
        if (!isPng(file) && !file.toString().endsWith(".npy")) {
            throw new IllegalArgumentException(option + " must name a .png image or a .npy array, got " + file);
        }
    }

    /** One image (C, H, W): PNG pixels in [−1, 1], .npy values as stored. */
    static Tensor read(Path file, String option) throws IOException {
        requireFormat(file, option);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " " + file + " does not exist; give an existing .png or .npy file");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; give a .png or .npy file");
        }
        if (isPng(file)) {
            ImageSet img = ImageFolder.readImage(file);
            return new Tensor(new long[] {img.channels(), img.height(), img.width()}, img.pixels());
        }
        Tensor t;
        try {
            t = Npy.read(file);
        } catch (IOException e) {   // a corrupt, empty or oversized file is the caller's input, not a failure of ours
            String m = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(option + " " + (m.contains(file.toString()) ? m : file + ": " + m));
        }
        long[] s = t.shape();
        if (s.length == 2) {
            return new Tensor(new long[] {1, s[0], s[1]}, t.data());
        }
        if (s.length == 3) {
            return t;
        }
        if (s.length == 4 && s[0] == 1) {
            return new Tensor(new long[] {s[1], s[2], s[3]}, t.data());
        }
        throw new IllegalArgumentException(option + " must hold one image (H, W) or (C, H, W), got shape " + Arrays.toString(s));
    }

    /** One image (1, C, H, W) in data units: a PNG (values in [−1, 1], clipped) or a .npy (C, H, W). */
    static void writeImage(Path file, NDArray image, int scale) throws IOException {
        if (isPng(file)) {
            writeStrip(file, image, scale);
        } else {
            Npy.write(file, new Tensor(image.getShape().slice(1).getShape(),
                    image.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
        }
    }

    /** The strip (N, C, H, W) in data units: one PNG row (values in [−1, 1], clipped), or the .npy array itself. */
    static void writeStrip(Path file, NDArray strip, int scale) throws IOException {
        if (isPng(file)) {
            ImageSet images = ImageSet.of(strip);
            if (images.channels() != 1 && images.channels() != 3) {
                throw new IllegalArgumentException("a PNG strip needs 1 or 3 channels, the images have "
                        + images.channels() + "; write a .npy instead");
            }
            Png.writeGrid(file, images, 1, images.n(), scale);
        } else {
            Npy.write(file, new Tensor(strip.getShape().getShape(), strip.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
        }
    }
}
