package io.diffusion4j.cli;

import io.diffusion4j.data.DataSets;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Reports;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.metrics.SampleReport;
import io.diffusion4j.naming.Names;
import io.diffusion4j.noise.NoiseSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code d4j eval}: sample-quality metrics of a .npy file against the true data, each with its floor; or, with
 * {@code --run R --metric fid}, the DDIM table of an image run; with {@code --run R --metric nll}, the run's
 * negative log-likelihood ({@link NllMetric}); or, with {@code --run R --metric restore}, the restoration table
 * ({@link io.diffusion4j.app.restore.RestoreEvalCommand}, whose own options pass through).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Compare samples with the data: SWD, MMD, moment errors, with floors;"
        + " --run R --metric fid: FID-FMNIST of an image run over --steps × --eta (the DDIM table);"
        + " --run R --metric nll: bits/dim by --method elbo|ode.")
final class EvalCommand implements Callable<Integer> {
    /** Independent data draws averaged into the floor for toy data (one draw varies by ±30 % at n = 4000). */
    static final int FLOOR_DRAWS = 5;
    /** Size of the toy-data draw every sample set is compared with. */
    static final int TRUTH_POINTS = 20_000;

    @Option(names = "--samples", description = "N×d float .npy written by 'd4j sample' (with --data fashion-mnist: N×1×28×28 images in [-1, 1], scored by FID-FMNIST)")
    Path samples;
    @Option(names = "--data", description = "toy name, an N×d .npy/.csv file of true data, or fashion-mnist (FID-FMNIST of image samples)")
    String data;
    @Option(names = "--run", description = "run directory to evaluate with --metric")
    Path run;
    @Option(names = "--metric", description = "with --run: fid (image runs; FID-FMNIST with floor and Gaussian baseline)"
            + " | nll (bits/dim; --n points) | restore (restoration table: inpainting, ×4 super-resolution, blur vs"
            + " baselines; see README)")
    String metric;
    @Option(names = "--method", defaultValue = "elbo", description = "--metric nll: elbo (variational bound) | ode (probability-flow likelihood); default ${DEFAULT-VALUE}")
    String method;
    @Option(names = "--probes", defaultValue = "1", description = "--metric nll --method ode: Hutchinson probes per point when d > 4; default ${DEFAULT-VALUE}")
    int probes;
    @Option(names = "--t-draws", defaultValue = "0", description = "--metric nll --method elbo: 0 sums every step, K > 0 draws K stratified steps per point; default ${DEFAULT-VALUE}")
    int tDraws;
    @picocli.CommandLine.Unmatched
    java.util.List<String> metricOptions = new java.util.ArrayList<>();
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;
    @picocli.CommandLine.Mixin
    ImageEvalOptions image = new ImageEvalOptions();
    @Option(names = "--seed", defaultValue = "0", description = "seed of the reference draws; default ${DEFAULT-VALUE}")
    long seed;
    @Option(names = "--json", description = "print JSON {swd, swd_floor, mmd, mmd_floor, mean_err, cov_err}")
    boolean json;

    @Override
    public Integer call() throws Exception {
        requireApplicable();
        if ("restore".equalsIgnoreCase(metric)) {
            return restoreTable();
        }
        if (!metricOptions.isEmpty()) {
            throw new IllegalArgumentException("unknown option " + metricOptions.get(0) + " (see 'd4j eval --help')");
        }
        if (run != null || metric != null) {
            return evalRun();
        }
        if (samples == null || data == null) {
            throw new IllegalArgumentException("give --samples FILE --data NAME, or --run DIR --metric fid|nll");
        }
        if (io.diffusion4j.app.image.ImageTraining.FASHION_MNIST.equalsIgnoreCase(data)) {
            io.diffusion4j.app.image.FidFmnist.Report r = io.diffusion4j.app.image.FidEvaluation.ofFile(samples, seed);
            System.out.println(json ? Reports.toJson(r) : r.toString());
            return 0;
        }
        Points s = readSamples(samples);
        Points truth;
        java.util.List<Points> references = new java.util.ArrayList<>();
        Optional<ToyData> toy = DataSets.toy(data);
        if (toy.isPresent()) {
            NoiseSource root = new NoiseSource(seed).fork(0xE7A1);
            truth = toy.get().sample(Math.max(s.n(), TRUTH_POINTS), root.fork(1));   // a large draw of the truth
            for (int k = 0; k < FLOOR_DRAWS; k++) {   // the floor is the mean over independent data draws
                references.add(toy.get().sample(s.n(), root.fork(2 + k)));
            }
        } else {
            Points all = DataSets.load(data, 0, seed);
            int half = all.n() / 2;
            if (half < 1) {
                throw new IllegalArgumentException(data + " needs at least 2 rows to give a data sample and a floor");
            }
            int m = Math.min(half, s.n());
            truth = all.slice(0, m);
            references.add(all.slice(half, half + m));
        }
        if (truth.d() != s.d()) {
            throw new IllegalArgumentException(samples + " has " + s.d() + " columns but " + data + " has " + truth.d());
        }
        SampleReport r = SampleReport.compare(s, truth, references);
        if (json) {
            System.out.println(Reports.toJson(r));
        } else {
            System.out.printf(Locale.ROOT, "n=%d  SWD %.4f (floor %.4f, ratio %.2f)  MMD² %.2e (floor %.2e)  mean err %.4f  cov err %.4f%n",
                    r.n(), r.swd(), r.swdFloor(), r.swd() / r.swdFloor(), r.mmd(), r.mmdFloor(), r.meanErr(), r.covErr());
        }
        return 0;
    }

    /** Options read by only one metric or method are errors with the others; counts within their limits. */
    private void requireApplicable() {
        Given g = new Given(commandSpec);
        String mk = metric == null ? "" : Names.key(metric);
        String which = metric == null ? "--samples FILE --data NAME" : "--metric " + metric;
        List<String> stray = new java.util.ArrayList<>();
        for (String o : List.of("--sampler", "--eta", "--guidance", "--bootstrap", "--spacing")) {
            if (g.has(o) && !mk.equals("fid")) {
                stray.add(o + " applies to --metric fid");
            }
        }
        for (String o : List.of("--method", "--probes", "--t-draws")) {
            if (g.has(o) && !mk.equals("nll")) {
                stray.add(o + " applies to --metric nll");
            }
        }
        if (g.has("--steps") && !mk.equals("fid") && !mk.equals("restore")) {
            stray.add("--steps applies to --metric fid or restore");
        }
        if (g.has("--n") && metric == null) {
            stray.add("--n applies to --metric fid, nll or restore");
        }
        if (samples != null && metric != null) {
            stray.add("--samples applies without --metric");
        }
        if (g.has("--data") && (mk.equals("fid") || mk.equals("restore"))) {
            stray.add("--data applies to --metric nll or --samples");
        }
        if (!stray.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", stray) + ", not to " + which + "; drop "
                    + (stray.size() == 1 ? "it" : "them"));
        }
        if (mk.equals("nll")) {
            String me = Names.key(method);
            if (g.has("--probes") && !me.equals("ode")) {
                throw new IllegalArgumentException("--probes applies to --method ode; drop it with --method " + method);
            }
            if (g.has("--t-draws") && !me.equals("elbo")) {
                throw new IllegalArgumentException("--t-draws applies to --method elbo; drop it with --method " + method);
            }
            io.diffusion4j.limits.Limits.require("--probes", probes, 1, io.diffusion4j.limits.Limits.MAX_REPEATS);
            io.diffusion4j.limits.Limits.require("--t-draws", tDraws, 0, io.diffusion4j.limits.Limits.MAX_T);
        }
        if (metric != null) {
            io.diffusion4j.limits.Limits.require("--n", image.n, 1, mk.equals("nll") ? io.diffusion4j.limits.Limits.MAX_POINTS
                    : io.diffusion4j.limits.Limits.MAX_IMAGES);
            io.diffusion4j.limits.Limits.require("--bootstrap", image.bootstrap, 0, 100_000);
        }
    }

    private Integer evalRun() {
        if (run == null || metric == null) {
            throw new IllegalArgumentException("--run and --metric go together, e.g. --run runs/R --metric fid");
        }
        switch (Names.key(metric)) {
            case "fid" -> {
                io.diffusion4j.app.image.DdimTable.Table t = image.evaluation(seed).evaluate(run, line -> System.err.println("d4j: " + line));
                System.out.println(json ? Reports.toJson(t) : t.markdown());
                return 0;
            }
            case "nll" -> {
                return NllMetric.print(run, data, method, image.n, probes, tDraws, seed, json);
            }
            default -> throw Names.unknown("--metric", metric, List.of("fid", "nll", "restore"),
                    List.of());
        }
    }

    /** {@code --metric restore}: eval's --run, --seed, and --n/--steps when given, plus the table's own options. */
    private Integer restoreTable() throws Exception {
        picocli.CommandLine.ParseResult p = commandSpec.commandLine().getParseResult();
        java.util.List<String> args = new java.util.ArrayList<>(metricOptions);
        if (p.hasMatchedOption("--steps")) {
            args.addAll(List.of("--steps", image.steps));
        }
        return io.diffusion4j.app.restore.RestoreEvalCommand.run(run, p.hasMatchedOption("--n") ? image.n : 50, seed, args);
    }

    /** The options of {@code --metric fid}. */
    static final class ImageEvalOptions {
        @Option(names = "--sampler", defaultValue = "ddim", description = "--metric fid: comma list of samplers, the table's"
                + " columns: ddim (one column per --eta) and any fixed-step sampler, e.g. ddim,dpmpp-2m (default ${DEFAULT-VALUE})")
        String sampler;
        @Option(names = "--steps", description = "--metric fid: step counts (default 10,20,50,100; a distilled student: its own)")
        String steps;
        @Option(names = "--eta", description = "--metric fid: DDIM η values (default 0,0.5,1; ddim only)")
        String eta;
        @Option(names = "--n", defaultValue = "2000", description = "--metric fid: samples per cell; --metric nll: points (default ${DEFAULT-VALUE})")
        int n;
        @Option(names = "--guidance", defaultValue = "0", description = "--metric fid: classifier-free guidance w (0 = conditional model); default ${DEFAULT-VALUE}")
        double guidance;
        @Option(names = "--bootstrap", defaultValue = "" + io.diffusion4j.app.image.DdimTable.DEFAULT_RESAMPLES, description = "--metric fid: bootstrap resamples behind each cell's"
                + " standard error and the paired differences within a row (0 = none; default ${DEFAULT-VALUE})")
        int bootstrap;
        @Option(names = "--spacing", description = "--metric fid: the DDIM columns' time grid, uniform or trailing"
                + " (default uniform; trailing for a distilled student, which learned that grid)")
        String spacing;

        io.diffusion4j.app.image.FidEvaluation evaluation(long seed) {
            return io.diffusion4j.app.image.FidEvaluation.parse(sampler, steps, eta, n, guidance, seed, bootstrap, spacing);
        }
    }

    static Points readSamples(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("samples file " + file + " not found; write one with 'd4j sample --out " + file + "'");
        }
        try {
            Tensor t = Npy.read(file);
            long[] sh = t.shape();
            if (sh.length != 2 || sh[0] < 2) {
                throw new IllegalArgumentException(file + " has shape " + java.util.Arrays.toString(sh) + "; expected N×d samples with N >= 2");
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(file + " holds NaN or infinite values; sample again or drop those rows");
                }
            }
            return new Points((int) sh[0], (int) sh[1], t.data());
        } catch (IOException e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()).contains(file.toString())
                    ? e.getMessage() : "cannot read " + file + ": " + e.getMessage());
        }
    }
}
