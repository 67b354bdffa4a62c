package io.diffusion4j.data.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 28×28 grayscale images of 10 clothing classes, read from the IDX
 * files. {@link #locate()} looks in {@code $D4J_DATA/fashion-mnist}, then {@code /usr/share/datasets/fashion-mnist}
 * (the Debian package {@code dataset-fashion-mnist}), then falls back to the subset bundled with diffusion4j
 * (1,000 training and 200 test images per class; MIT licence, see the resource folder's LICENSE).
 */
public final class FashionMnist {
    /** The class names, index = label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class-path folder of the bundled subset. */
    public static final String BUNDLED = "/io/diffusion4j/data/image/fashion-mnist-subset/";

    private FashionMnist() {
    }

    /** The training (60,000 images) or test (10,000 images) split; the file-name prefix is the dataset's. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }

        public String imagesFile() {
            return prefix + "-images-idx3-ubyte";
        }

        public String labelsFile() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    /** Where the files come from: a folder, or the bundled subset when {@code dir} is null. */
    public record Source(Path dir, String description) {

        public boolean bundled() {
            return dir == null;
        }

        /** Reads one split: images scaled to [−1, 1], shape (N, 1, 28, 28), with labels and class names. */
        public ImageSet load(Split split) {
            try {
                Idx.Array images = Idx.read(open(split.imagesFile()), split.imagesFile());
                Idx.Array labels = Idx.read(open(split.labelsFile()), split.labelsFile());
                if (images.dims().length != 3 || labels.dims().length != 1 || images.dims()[0] != labels.dims()[0]) {
                    throw new IOException("Fashion-MNIST " + split + " files do not match: images "
                            + java.util.Arrays.toString(images.dims()) + ", labels " + java.util.Arrays.toString(labels.dims()));
                }
                int n = images.dims()[0];
                float[] px = new float[images.data().length];
                for (int i = 0; i < px.length; i++) {
                    px[i] = ImageSet.fromByte(images.data()[i] & 0xFF);
                }
                int[] y = new int[n];
                for (int i = 0; i < n; i++) {
                    y[i] = labels.data()[i] & 0xFF;
                    if (y[i] >= CLASSES.size()) {
                        throw new IOException("Fashion-MNIST label " + y[i] + " out of range at index " + i);
                    }
                }
                return new ImageSet(n, 1, images.dims()[1], images.dims()[2], px, y, CLASSES);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Fashion-MNIST from " + description + ": " + e.getMessage(), e);
            }
        }

        private InputStream open(String file) throws IOException {
            if (dir == null) {
                InputStream in = FashionMnist.class.getResourceAsStream(BUNDLED + file + ".gz");
                if (in == null) {
                    throw new IOException("bundled resource " + BUNDLED + file + ".gz is missing");
                }
                return in;
            }
            Path plain = dir.resolve(file);
            return Files.newInputStream(Files.exists(plain) ? plain : dir.resolve(file + ".gz"));
        }
    }

    /** The first complete copy in the lookup order ($D4J_DATA, the Debian folder), else the bundled subset. */
    public static Source locate() {
        String env = System.getenv("D4J_DATA");
        return locate(env == null || env.isBlank() ? null : Path.of(env).resolve("fashion-mnist"), DEBIAN_DIR);
    }

    /** {@link #locate()} with the two folders given (null to skip one). */
    public static Source locate(Path userDir, Path systemDir) {
        if (userDir != null && complete(userDir)) {
            return new Source(userDir, "Fashion-MNIST from " + userDir + " ($D4J_DATA)");
        }
        if (systemDir != null && complete(systemDir)) {
            return new Source(systemDir, "Fashion-MNIST from " + systemDir + " (Debian package " + DEBIAN_PACKAGE + ")");
        }
        return bundled();
    }

    /** The bundled subset, used by the tests and the demo whatever is installed. */
    public static Source bundled() {
        return new Source(null, "the bundled Fashion-MNIST subset (1,000 train + 200 test images per class; install "
                + DEBIAN_PACKAGE + " or set $D4J_DATA for the full set)");
    }

    /** True when all four files are present, plain or gzipped. */
    static boolean complete(Path dir) {
        for (Split s : Split.values()) {
            for (String f : List.of(s.imagesFile(), s.labelsFile())) {
                if (!Files.isRegularFile(dir.resolve(f)) && !Files.isRegularFile(dir.resolve(f + ".gz"))) {
                    return false;
                }
            }
        }
        return true;
    }
}
