package io.diffusion4j.data.image;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of the user's own PNG or JPEG images as an {@link ImageSet}. Images directly in the folder are
 * unlabelled; when the folder has sub-folders of images instead, each sub-folder is a class (names sorted, label =
 * position). Grayscale if every image is grayscale, else RGB. All images must have one size unless a target size is
 * given, in which case each is resized to N×N (area averaging).
 */
public final class ImageFolder {
    private ImageFolder() {
    }

    /** Reads every image under {@code dir}; {@code size} ≤ 0 keeps the images' own (common) size. */
    public static ImageSet read(Path dir, int size) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("image folder " + dir + " not found; give --data fashion-mnist or a folder of PNG/JPEG images");
        }
        List<Path> root = images(dir);
        List<Path> classDirs = list(dir).filter(Files::isDirectory).filter(d -> !images(d).isEmpty()).sorted().toList();
        if (!classDirs.isEmpty() && !root.isEmpty()) {
            throw new IllegalArgumentException(dir + " mixes images (" + root.get(0).getFileName()
                    + ") with class sub-folders; move the images into sub-folders or remove the sub-folders");
        }
        List<Path> files = new ArrayList<>(root);
        List<Integer> labels = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Path c : classDirs) {
            for (Path f : images(c)) {
                files.add(f);
                labels.add(classes.size());
            }
            classes.add(c.getFileName().toString());
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no PNG or JPEG images in " + dir + " (or in its sub-folders)");
        }
        List<BufferedImage> decoded = new ArrayList<>();
        boolean gray = true;
        for (Path f : files) {
            BufferedImage img = decode(f);
            gray &= img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            if (size <= 0 && !decoded.isEmpty() && (img.getWidth() != decoded.get(0).getWidth()
                    || img.getHeight() != decoded.get(0).getHeight())) {
                throw new IllegalArgumentException("images in " + dir + " have different sizes (" + describe(decoded.get(0))
                        + " in " + files.get(0).getFileName() + ", " + describe(img) + " in " + f.getFileName()
                        + "); pass --image-size N to resize them all to N×N");
            }
            decoded.add(img);
        }
        int h = size > 0 ? size : decoded.get(0).getHeight();
        int w = size > 0 ? size : decoded.get(0).getWidth();
        int c = gray ? 1 : 3;
        float[] px = new float[files.size() * c * h * w];
        for (int i = 0; i < decoded.size(); i++) {
            fill(px, i, convert(decoded.get(i), w, h, gray).getRaster(), c, h, w);
        }
        int[] y = classes.isEmpty() ? null : labels.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(files.size(), c, h, w, px, y, classes);
    }

    /** One PNG or JPEG file at its own size as a one-image set: grayscale stays one channel, anything else is RGB. */
    public static ImageSet readImage(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + file + " not found; give an existing PNG or JPEG file");
        }
        BufferedImage img = decode(file);
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        int c = gray ? 1 : 3;
        int h = img.getHeight();
        int w = img.getWidth();
        float[] px = new float[c * h * w];
        fill(px, 0, convert(img, w, h, gray).getRaster(), c, h, w);
        return new ImageSet(1, c, h, w, px, null, List.of());
    }

    private static void fill(float[] px, int i, Raster r, int c, int h, int w) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    px[((i * c + ch) * h + y) * w + x] = ImageSet.fromByte(r.getSample(x, y, ch));
                }
            }
        }
    }

    private static BufferedImage convert(BufferedImage img, int w, int h, boolean gray) {
        BufferedImage out = new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Image src = img.getWidth() == w && img.getHeight() == h ? img : img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING);
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out; // TYPE_INT_RGB's raster reads as 3 bands R, G, B; TYPE_BYTE_GRAY's as 1
    }

    private static BufferedImage decode(Path f) {
        return ImageDecoder.decode(f);
    }

    private static String describe(BufferedImage img) {
        return img.getWidth() + "×" + img.getHeight();
    }

    private static List<Path> images(Path dir) {
        return list(dir).filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
