package io.diffusion4j.cli;

import io.diffusion4j.data.DataSets;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.Reports;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.likelihood.BoundEstimate;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.NllEvaluation;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code d4j eval --run R --metric nll --method elbo|ode [--n N] [--probes K] [--t-draws K] [--json]}: a run's NLL in
 * bits/dim (data units) on N points, printed as {"bpd", "stderr", "method", ...}. The points are --data (a toy
 * name, drawn with a seed independent of training, or a file's first N rows), else fresh draws of the run's toy data.
 */
final class NllMetric {
    private NllMetric() {
    }

    static int print(Path runDir, String data, String method, int n, int probes, int tDraws, long seed, boolean json) {
        if (runDir == null) {
            throw new IllegalArgumentException("--metric nll needs --run DIR (a run written by 'd4j train')");
        }
        if (tDraws < 0) {
            throw new IllegalArgumentException("--t-draws must be >= 0 (0 = every step), got " + tDraws);
        }
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(runDir), m)) {
            LikelihoodNames.NllRequest req = LikelihoodNames.nll(method, run.config().model().id(), n, probes);
            Points points = run.config().isImage() ? testImages(run, data, n) : points(data != null ? data : run.config().data().source(), n, seed);
            long t0 = System.nanoTime();
            BoundEstimate b = req.method() == LikelihoodNames.NllMethod.ELBO
                    ? NllEvaluation.elbo(run, points, tDraws, seed, m)
                    : NllEvaluation.ode(run, points, req.probes(), seed, m);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (json) {
                System.out.println(Reports.toJson(b));
            } else {
                System.out.printf(Locale.ROOT, "NLL %.4f ± %.4f bits/dim (%s, %s, %s, n=%d, %.1f s)%n", b.bpd(), b.stderr(),
                        b.method(), b.estimator(), b.decoder(), b.n(), seconds);
            }
            return 0;
        }
    }

    /**
     * n images of an image run, evenly spaced through the test split of Fashion-MNIST (or, for a folder, through
     * --data or the training folder: folders have no test split), flattened to rows of C·H·W values in [−1, 1].
     */
    private static Points testImages(LoadedRun run, String data, int n) {
        String name = data != null ? data : run.config().data().source();
        ImageSet all = ImageTraining.open(name, run.config().image().resize(), FashionMnist.Split.TEST,
                line -> System.err.println("d4j: " + line));
        if (all.channels() * all.height() * all.width() != run.config().data().dim()) {
            throw new IllegalArgumentException(name + " holds " + all.channels() + "×" + all.height() + "×" + all.width()
                    + " images but the run was trained on " + run.config().data().dim() + " values per image");
        }
        int k = Math.min(n, all.n());
        int[] idx = new int[k];
        for (int i = 0; i < k; i++) {
            idx[i] = (int) ((long) i * all.n() / k);
        }
        ImageSet s = all.select(idx);
        return new Points(s.n(), run.config().data().dim(), s.pixels());
    }

    /** n evaluation points: a toy draw independent of the training draw, or the first n rows of a file. */
    private static Points points(String data, int n, long seed) {
        Optional<ToyData> toy = DataSets.toy(data);
        if (toy.isPresent()) {
            return toy.get().sample(n, new NoiseSource(seed).fork(0x7E57));
        }
        Points all = DataSets.load(data, 0, seed);
        return all.slice(0, Math.min(n, all.n()));
    }
}
