package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.guidance.ClassifierFreeGuidance;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code d4j eval --run R --metric fid --sampler ddim --steps 10,20,50,100 --eta 0,0.5,1 --n 2000}: the
 * {@link DdimTable} of a Fashion-MNIST image run — FID-FMNIST for every (steps, η) cell, labels i mod K for a
 * class-conditional run (classifier-free guidance {@code guidance}, 0 = the conditional model), with the floor and the
 * Gaussian baseline at the same n. The reference statistics come from the bundled training subset (10,000 images), the
 * floor from its test subset, so numbers are comparable across machines.
 */
public record FidEvaluation(String sampler, int[] steps, double[] etas, int n, double guidance, long seed, int bootstrap) {

    public FidEvaluation {
        if (!sampler.equalsIgnoreCase("ddim")) {
            throw new IllegalArgumentException("--metric fid samples with --sampler ddim (the DDIM table); got " + sampler);
        }
        if (steps.length == 0 || Arrays.stream(steps).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("--steps must list step counts >= 1, e.g. 10,20,50,100");
        }
        if (etas.length == 0 || Arrays.stream(etas).anyMatch(e -> !(e >= 0) || !Double.isFinite(e))) {
            throw new IllegalArgumentException("--eta must list values >= 0, e.g. 0,0.5,1");
        }
        if (n < 10) {
            throw new IllegalArgumentException("--n must be >= 10 for a Fréchet distance, got " + n);
        }
        ClassifierFreeGuidance.requireScale(guidance);
        DdimTable.requireResamples(bootstrap);
        steps = steps.clone();
        etas = etas.clone();
    }

    /** Parses the comma lists of the CLI. */
    public static FidEvaluation parse(String sampler, String steps, String etas, int n, double guidance, long seed, int bootstrap) {
        try {
            return new FidEvaluation(sampler, Arrays.stream(steps.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray(),
                    Arrays.stream(etas.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray(), n, guidance, seed,
                    bootstrap);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--steps and --eta take comma lists of numbers, e.g. --steps 10,20 --eta 0,1");
        }
    }

    /** Runs the table on the run in {@code runDir}; {@code progress} hears each cell. */
    public DdimTable.Table evaluate(Path runDir, Consumer<String> progress) {
        FashionMnist.Source source = FashionMnist.bundled();
        ImageSet train = source.load(FashionMnist.Split.TRAIN);
        ImageSet test = source.load(FashionMnist.Split.TEST);
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(runDir), m)) {
            if (!run.config().isImage()) {
                throw new IllegalArgumentException("--metric fid needs an image run (d4j train --data fashion-mnist --model unet); "
                        + runDir + " holds point data — evaluate it with --samples and --data");
            }
            int T = run.schedule().T();
            if (Arrays.stream(steps).anyMatch(s -> s > T)) {
                throw new IllegalArgumentException("--steps must be at most T = " + T);
            }
            FidFmnist fid = FidFmnist.load(m, train, test);
            if (guidance > 0 && run.classes() == 0) {
                throw new IllegalArgumentException("--guidance needs a class-conditional run");
            }
            ConditionalSampling sampling = new ConditionalSampling(run.network(),
                    run.config().prediction(), guidance, null, 0, true);
            return DdimTable.evaluate(sampling, run.schedule(), steps, etas, n, run.classes(), fid,
                    new NoiseSource(seed).fork(0xF1DL), bootstrap, c -> progress.accept(String.format(Locale.ROOT,
                            "steps %d, eta %.2f: FID-FMNIST %.2f (%.0f s)", c.steps(), c.eta(), c.fid(), c.seconds())));
        }
    }

    /**
     * The JSON of a table: n, guidance, bootstrap_resamples, cells [{steps, eta, fid_fmnist, fid_fmnist_se, seconds}],
     * paired_differences [{steps, eta, minus_eta, difference, se}], fid_floor, fid_gaussian, fid_noise.
     */
    public static Map<String, Object> json(DdimTable.Table t) {
        Map<String, Object> m = t.toMap();
        m.put("fid_noise", t.reference().noise());
        return m;
    }
}
