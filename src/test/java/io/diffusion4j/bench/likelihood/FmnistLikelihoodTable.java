package io.diffusion4j.bench.likelihood;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.likelihood.Elbo;
import io.diffusion4j.likelihood.VariationalTerms;
import io.diffusion4j.model.ClippedDenoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.run.ImprovedDdpmConfig;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.schedule.TimeGrid;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Fashion-MNIST NLL table: the variational bound in bits/dim (discretised 8-bit decoder, so a code
 * length) of each run on the same N test images (evenly spaced through the test split), with the stratified
 * sampled-t estimator of K steps per image plus L_T and L₀ exactly ({@link Elbo#sampledSteps}). Every arm sees the
 * same images, the same t draws and the same noise, so differences between arms are paired: the table gives each
 * arm's bound ± its standard error and its difference to the first row ± the paired standard error. Runs with a
 * fixed variance are evaluated with β̃ and with β. Usage: {@code FmnistLikelihoodTable N K RUN_DIR...}.
 */
public final class FmnistLikelihoodTable {
    /** Images per batch: the stratified draws group images by step, so the number of network calls per batch is
     * about min(T, B·K); one batch of all N images keeps the calls few and each one wider. */
    private static final int BATCH = 200;
    /** x̂₀ clipped to [−1, 1] in p_θ, as improved-diffusion's NLL evaluation does (clip_denoised; -Dclip=false to turn off). */
    private static final boolean CLIP = !"false".equals(System.getProperty("clip"));

    private FmnistLikelihoodTable() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int draws = Integer.parseInt(args[1]);
        ImageSet test = ImageTraining.open("fashion-mnist", 0, FashionMnist.Split.TEST, System.err::println);
        int[] idx = new int[Math.min(n, test.n())];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = (int) ((long) i * test.n() / idx.length);
        }
        ImageSet images = test.select(idx);
        long dims = (long) images.channels() * images.height() * images.width();
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int a = 2; a < args.length; a++) {
            Path dir = Path.of(args[a]);
            try (NDManager m = io.diffusion4j.tensor.Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(dir), m)) {
                ImprovedDdpmConfig cfg = ImprovedDdpmConfig.of(run.config());
                List<ReverseVariance> vs = cfg.variance().learned() ? List.of(ReverseVariance.FIXED_SMALL)
                        : List.of(ReverseVariance.FIXED_SMALL, ReverseVariance.FIXED_LARGE);
                for (ReverseVariance v : vs) {
                    long t0 = System.nanoTime();
                    Elbo elbo = new Elbo(new VariationalTerms(TimeGrid.full(run.schedule()), Decoder.DISCRETIZED_8BIT, v));
                    double[] nats = new double[images.n()];
                    for (int from = 0, k = 0; from < images.n(); from += BATCH, k++) {
                        int to = Math.min(images.n(), from + BATCH);
                        try (NDManager sm = m.newSubManager()) {
                            NDArray x0 = images.toNDArray(sm, from, to);
                            double[] part = elbo.sampledSteps(CLIP ? new ClippedDenoiser(run.denoiser(), -1, 1) : run.denoiser(),
                                    x0, draws, new NoiseSource(2026).fork(k));
                            System.arraycopy(part, 0, nats, from, part.length);
                        }
                    }
                    String variance = cfg.variance().learned() ? "learned" : v == ReverseVariance.FIXED_SMALL ? "fixed β̃" : "fixed β";
                    names.add(String.format(Locale.ROOT, "%s | %s / %s | %s", dir.getFileName(), run.config().schedule().name(),
                            cfg.loss(), variance));
                    rows.add(nats);
                    seconds.add((System.nanoTime() - t0) / 1e9);
                    double[] ms = meanSe(nats);
                    System.err.printf(Locale.ROOT, "row %s: %.4f ± %.4f bits/dim, %.0f s%n", names.get(names.size() - 1),
                            ms[0] / (dims * Math.log(2)), ms[1] / (dims * Math.log(2)), seconds.get(seconds.size() - 1));
                }
            }
        }
        double perBit = dims * Math.log(2);
        System.out.printf(Locale.ROOT, "ELBO on %d Fashion-MNIST test images, stratified-t(%d) + exact L_T and L₀, 8-bit decoder, x̂₀ %s (bits/dim)%n%n",
                images.n(), draws, CLIP ? "clipped to [-1, 1]" : "not clipped");
        System.out.println("| run | schedule / loss | variance at eval | bits/dim ± s.e. | − first row ± paired s.e. | eval s |");
        System.out.println("|---|---|---|---|---|---|");
        for (int r = 0; r < rows.size(); r++) {
            double[] ms = meanSe(rows.get(r));
            double[] d = new double[rows.get(r).length];
            for (int i = 0; i < d.length; i++) {
                d[i] = rows.get(r)[i] - rows.get(0)[i];
            }
            double[] ds = meanSe(d);
            System.out.printf(Locale.ROOT, "| %s | %.4f ± %.4f | %+.4f ± %.4f | %.0f |%n", names.get(r), ms[0] / perBit, ms[1] / perBit,
                    ds[0] / perBit, ds[1] / perBit, seconds.get(r));
        }
    }

    private static double[] meanSe(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(ss / (v.length - 1) / v.length)};
    }
}
