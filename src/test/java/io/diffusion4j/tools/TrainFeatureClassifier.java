package io.diffusion4j.tools;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ClassifierTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains the FID-FMNIST feature network ({@code ClassifierSpec.of(1, 28, 28, 10, false)}) on the full Fashion-MNIST
 * training set (the Debian package or $D4J_DATA) and writes its weights, with the command, seed and accuracies in
 * the file's metadata. Usage: {@code TrainFeatureClassifier OUT.safetensors [steps=3000] [batch=64] [seed=20240601]}.
 */
public final class TrainFeatureClassifier {
    private TrainFeatureClassifier() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20240601L;
        FashionMnist.Source source = FashionMnist.locate();
        System.out.println("data: " + source.description());
        ImageSet train = source.load(FashionMnist.Split.TRAIN);
        ImageSet test = source.load(FashionMnist.Split.TEST);
        ImageSet bundledTest = FashionMnist.bundled().load(FashionMnist.Split.TEST);
        ClassifierSpec spec = ClassifierTraining.specFor(train, false);
        TrainConfig config = TrainConfig.defaults(steps, batch, seed).withLr(2e-3).withEma(0.999);
        long t0 = System.nanoTime();
        try (NDManager m = Engines.newManager()) {
            double[] avg = {0};
            NetworkClassifier c = ClassifierTraining.train(train, spec, null, config, m, s -> {
                avg[0] = s.step() == 1 ? s.loss() : 0.98 * avg[0] + 0.02 * s.loss();
                if (s.step() % 100 == 0) {
                    System.out.printf("step %d/%d loss %.4f  %.2f steps/s%n", s.step(), s.total(), avg[0],
                            s.step() / ((System.nanoTime() - t0) / 1e9));
                }
            });
            double accTest = c.accuracy(test, test.labels());
            double accBundled = c.accuracy(bundledTest, bundledTest.labels());
            System.out.printf("accuracy: %.4f on %s test (%d), %.4f on the bundled test subset%n", accTest,
                    source.bundled() ? "bundled" : "full", test.n(), accBundled);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("spec", spec.toString().replaceAll("\\[I@[0-9a-f]+", ""));
            meta.put("base", String.valueOf(spec.base()));
            meta.put("mult", java.util.Arrays.toString(spec.mult()));
            meta.put("data", source.description());
            meta.put("steps", String.valueOf(steps));
            meta.put("batch", String.valueOf(batch));
            meta.put("seed", String.valueOf(seed));
            meta.put("lr", String.valueOf(config.lr()));
            meta.put("command", "java io.diffusion4j.tools.TrainFeatureClassifier " + String.join(" ", args));
            meta.put("accuracy_test", String.format("%.4f", accTest));
            meta.put("accuracy_bundled_test", String.format("%.4f", accBundled));
            c.save(out, meta);
            System.out.println("wrote " + out);
        }
    }
}
