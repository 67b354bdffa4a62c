package io.diffusion4j.tools;

import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.Idx;
import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.noise.NoiseSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Makes the bundled Fashion-MNIST subset: from each class, {@code perClassTrain} training and {@code perClassTest}
 * test images chosen by a seeded partial Fisher–Yates shuffle (stream {@code fork(class)} of the seed), kept in
 * their original order, written as gzipped IDX. Usage (see the README in the resource folder):
 * {@code FashionMnistSubset SOURCE_DIR OUT_DIR [perClassTrain=1000] [perClassTest=200] [seed=20240601]}.
 */
public final class FashionMnistSubset {
    private FashionMnistSubset() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int perTrain = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int perTest = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 20240601L;
        subset(source, out, FashionMnist.Split.TRAIN, perTrain, new NoiseSource(seed).fork(1));
        subset(source, out, FashionMnist.Split.TEST, perTest, new NoiseSource(seed).fork(2));
    }

    private static void subset(Path source, Path out, FashionMnist.Split split, int perClass, NoiseSource noise) throws Exception {
        Idx.Array images = read(source, split.imagesFile());
        Idx.Array labels = read(source, split.labelsFile());
        int n = labels.dims()[0];
        int classes = FashionMnist.CLASSES.size();
        int[] chosen = new int[perClass * classes];
        int c = 0;
        for (int k = 0; k < classes; k++) {
            final int label = k;
            int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> labels.data()[i] == label).toArray();
            NoiseSource s = noise.fork(k);
            for (int i = 0; i < perClass; i++) { // partial Fisher–Yates: idx[0..perClass) is a uniform draw
                int j = s.nextInt(i, idx.length - 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            System.arraycopy(idx, 0, chosen, c, perClass);
            c += perClass;
        }
        Arrays.sort(chosen);
        int px = images.dims()[1] * images.dims()[2];
        byte[] img = new byte[chosen.length * px];
        byte[] lab = new byte[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            System.arraycopy(images.data(), chosen[i] * px, img, i * px, px);
            lab[i] = labels.data()[chosen[i]];
        }
        AtomicFiles.write(out.resolve(split.imagesFile() + ".gz"),
                Idx.writeGzip(new int[] {chosen.length, images.dims()[1], images.dims()[2]}, img));
        AtomicFiles.write(out.resolve(split.labelsFile() + ".gz"), Idx.writeGzip(new int[] {chosen.length}, lab));
        System.out.println(split + ": " + chosen.length + " images written to " + out);
    }

    private static Idx.Array read(Path dir, String file) throws Exception {
        Path p = Files.exists(dir.resolve(file)) ? dir.resolve(file) : dir.resolve(file + ".gz");
        try (InputStream in = Files.newInputStream(p)) {
            return Idx.read(in, p.toString());
        }
    }
}
