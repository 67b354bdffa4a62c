package io.diffusion4j.bench.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.Elbo;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.schedule.TimeGrid;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the bound of a Fashion-MNIST run comes from: the all-t estimator on N test images, its terms summed over
 * ranges of t, in bits/dim (the run's own variance; fixed runs with β̃). Usage: {@code FmnistBoundTerms N RUN_DIR...}.
 */
public final class FmnistBoundTerms {
    private static final int[] EDGES = {1, 2, 11, 101, 501, 1001};

    private FmnistBoundTerms() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        ImageSet test = ImageTraining.open("fashion-mnist", 0, FashionMnist.Split.TEST, System.err::println);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * test.n() / n);
        }
        ImageSet images = test.select(idx);
        double perBit = (double) images.channels() * images.height() * images.width() * Math.log(2);
        System.out.println("| run | L_T | t = 1 (L₀) | t = 2..10 | 11..100 | 101..500 | 501..1000 | total (bits/dim) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int a = 1; a < args.length; a++) {
            try (NDManager m = io.diffusion4j.tensor.Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(Path.of(args[a])), m)) {
                int T = run.schedule().T();
                Elbo elbo = new Elbo(new VariationalTerms(TimeGrid.full(run.schedule()), Decoder.DISCRETIZED_8BIT,
                        ImprovedDdpmConfig.of(run.config()).variance()));
                NDArray x0 = images.toNDArray(m);
                Elbo.Terms terms = elbo.allSteps(run.denoiser(), x0, new NoiseSource(2026));
                double[] bucket = new double[EDGES.length - 1];
                for (int i = 0; i < terms.stepMeans().length; i++) {
                    int t = T - i;
                    for (int b = 0; b < bucket.length; b++) {
                        if (t >= EDGES[b] && t < EDGES[b + 1]) {
                            bucket[b] += terms.stepMeans()[i] / perBit;
                        }
                    }
                }
                double total = terms.priorMean() / perBit;
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| %s | %.4f", Path.of(args[a]).getFileName(), terms.priorMean() / perBit));
                for (double v : bucket) {
                    sb.append(String.format(Locale.ROOT, " | %.4f", v));
                    total += v;
                }
                System.out.println(sb.append(String.format(Locale.ROOT, " | %.4f |", total)));
            }
        }
    }
}
