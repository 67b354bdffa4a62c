package io.diffusion4j.app.mimo.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.mimo.AnnealedLangevin;
import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.KroneckerChannel;
import io.diffusion4j.app.mimo.Qam;
import io.diffusion4j.app.mimo.RayleighChannel;
import io.diffusion4j.app.mimo.estimation.ChannelEstimator;
import io.diffusion4j.app.mimo.estimation.ChannelStatistics;
import io.diffusion4j.app.mimo.estimation.EstimationReport;
import io.diffusion4j.app.mimo.estimation.EstimationStudy;
import io.diffusion4j.app.mimo.estimation.LinearEstimator;
import io.diffusion4j.app.mimo.estimation.PilotMatrix;
import io.diffusion4j.app.mimo.estimation.ScorePosteriorEstimator;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.io.Reports;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.naming.ValueGrid;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mimo estimate}: NMSE of channel estimators from pilots against pilot SNR and pilot count: least squares,
 * LMMSE (true covariance in closed form for rayleigh and kronecker, the sample covariance for geometric) and, with
 * {@code --run}, posterior sampling with a learned channel prior; optionally the SER of detectors fed each estimate.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Channel estimation from pilots: LS, LMMSE and a learned diffusion prior (NMSE, optional SER).")
final class EstimateCommand implements Callable<Integer> {
    /** The most channel realisations per point. */
    static final int MAX_CHANNELS = 1_000_000;

    @Option(names = "--run", description = "a run trained on `mimo channels` draws of the same --channel, --nr and --nt: adds the diffusion estimator")
    Path run;

    @Option(names = "--nt", defaultValue = "4", description = "transmit antennas; default ${DEFAULT-VALUE}")
    int nt;

    @Option(names = "--nr", defaultValue = "16", description = "receive antennas; default ${DEFAULT-VALUE}")
    int nr;

    @Option(names = "--channel", defaultValue = "geometric", description = "rayleigh, kronecker or geometric; default ${DEFAULT-VALUE}")
    String channel;

    @Option(names = "--rho", defaultValue = "0.7", description = "exponential correlation at both ends (kronecker only); default ${DEFAULT-VALUE}")
    double rho;

    @Option(names = "--pilots", defaultValue = "2,4", split = ",", description = "pilot counts P (orthogonal DFT pilots); default ${DEFAULT-VALUE}")
    List<Integer> pilots;

    @Option(names = "--snr", defaultValue = "0:20:5", description = "pilot SNR per receive antenna, dB: a value, a list or a range; default ${DEFAULT-VALUE}")
    String snr;

    @Option(names = "--estimators", split = ",", description = "any of ls, lmmse, diffusion; default: lmmse, ls where P >= N_T, diffusion with --run")
    List<String> estimators;

    @Option(names = "--channels", defaultValue = "200", description = "channel realisations per point; default ${DEFAULT-VALUE}")
    int channels;

    @Option(names = "--covariance-draws", defaultValue = "20000", description = "draws for LMMSE's sample covariance (geometric only); default ${DEFAULT-VALUE}")
    int covarianceDraws;

    @Option(names = "--langevin-levels", defaultValue = "20", description = "diffusion estimator: noise levels L; default ${DEFAULT-VALUE}")
    int levels;

    @Option(names = "--langevin-steps", defaultValue = "20", description = "diffusion estimator: Langevin steps per level; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--langevin-chains", defaultValue = "4", description = "diffusion estimator: posterior samples averaged; default ${DEFAULT-VALUE}")
    int chains;

    @Option(names = "--langevin-epsilon", defaultValue = "2e-4", description = "diffusion estimator: base step eps (step eps*sigma_l^2/sigma_L^2); default ${DEFAULT-VALUE}")
    double epsilon;

    @Option(names = "--sigma-first", defaultValue = "3", description = "diffusion estimator: largest noise level (standardised units); default ${DEFAULT-VALUE}")
    double sigmaFirst;

    @Option(names = "--sigma-last", defaultValue = "0.02", description = "diffusion estimator: smallest noise level; default ${DEFAULT-VALUE}")
    double sigmaLast;

    @Option(names = "--detect", split = ",", description = "also detect data with each estimate and the true channel: any of zf, mmse, vblast, ml, ald (ALD at its mimo ser defaults)")
    List<String> detect;

    @Option(names = "--modulation", defaultValue = "16qam", description = "data modulation with --detect: qpsk, 16qam or 64qam; default ${DEFAULT-VALUE}")
    String modulation;

    @Option(names = "--data-vectors", defaultValue = "20", description = "data uses per channel realisation with --detect; default ${DEFAULT-VALUE}")
    int dataVectors;

    @Option(names = "--batch", defaultValue = "250", description = "realisations estimated together; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "seed of channels, pilots' noise, data and chains; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print the JSON document on stdout instead of the table")
    boolean json;

    @Option(names = "--out", defaultValue = "runs/mimo-estimate", description = "output folder; default ${DEFAULT-VALUE}")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        Limits.require("--nt", nt, 1, SerCommand.MAX_ANTENNAS);
        Limits.require("--nr", nr, 1, SerCommand.MAX_ANTENNAS);
        Limits.require("--channels", channels, 2, MAX_CHANNELS);
        Limits.require("--batch", batch, 1, Limits.MAX_BATCH);
        for (int p : pilots) {
            Limits.require("--pilots", p, 1, SerCommand.MAX_ANTENNAS);
        }
        if (pilots.stream().distinct().count() < pilots.size()) {
            throw new IllegalArgumentException("--pilots names a pilot count twice: " + pilots);
        }
        ChannelModel model = ChannelModel.parse(channel, rho);
        if (!model.id().startsWith("kronecker")) {
            Detectors.notFor(spec, "for --channel " + channel + " (only kronecker is correlated)", "--rho");
        }
        boolean geometric = !(model instanceof RayleighChannel || model instanceof KroneckerChannel);
        if (!geometric) {
            Detectors.notFor(spec, "for --channel " + channel + " (LMMSE uses its covariance in closed form)", "--covariance-draws");
        }
        double[] points = ValueGrid.parse("SNR", "dB", snr, 1_000);
        List<String> names = estimatorNames();
        boolean diffusion = names.contains("diffusion");
        if (!diffusion) {
            Detectors.notFor(spec, "without the diffusion estimator", "--langevin-levels", "--langevin-steps", "--langevin-chains",
                    "--langevin-epsilon", "--sigma-first", "--sigma-last");
        }
        if (diffusion && run == null) {
            throw new IllegalArgumentException("the diffusion estimator needs --run DIR (a prior trained on `d4j mimo channels` draws)");
        }
        if (!diffusion && run != null) {
            throw new IllegalArgumentException("--run does not apply without diffusion in --estimators; drop it or add diffusion");
        }
        AnnealedLangevin settings = new AnnealedLangevin(sigmaFirst, sigmaLast, levels, steps, epsilon, chains);
        EstimationStudy.Detection detection = detection();
        EstimationStudy study = new EstimationStudy(nr, nt, model, channels, batch);
        ChannelStatistics stats = geometric
                ? ChannelStatistics.sample(model, nr, nt, Limits.require("--covariance-draws", covarianceDraws, 2, MAX_CHANNELS),
                        new NoiseSource(seed).fork(-99))
                : ChannelStatistics.kronecker(nr, nt, model instanceof KroneckerChannel k ? k.rho() : 0);
        List<EstimationStudy.Result> results = new ArrayList<>();
        try (NDManager m = Engines.newManager(); LoadedRun prior = diffusion ? LoadedRun.open(new RunDirectory(run), m) : null) {
            if (prior != null && (prior.isGaussian() || prior.config().isImage() || prior.config().isContinuous())) {
                throw new IllegalArgumentException(run + " is not a discrete-time point run; train the prior with "
                        + "`d4j train --data channels.npy` (MLP, default process)");
            }
            Map<Integer, List<ChannelEstimator>> byPilots = new LinkedHashMap<>();
            for (int p : pilots) {
                double[][] b = PilotMatrix.dft(nt, p).measurement(nr);
                List<ChannelEstimator> es = new ArrayList<>();
                for (String e : names) {
                    if (e.equals("ls") && p >= nt) {
                        es.add(LinearEstimator.leastSquares(b));
                    } else if (e.equals("lmmse")) {
                        es.add(LinearEstimator.lmmse(b, stats));
                    } else if (e.equals("diffusion")) {
                        es.add(new ScorePosteriorEstimator(prior.denoiser(), prior.normalization(),
                                ScorePosteriorEstimator.scheduleLevels(prior.schedule(), settings.sigmas()), settings, b, m));
                    }
                }
                byPilots.put(p, es);
            }
            Files.createDirectories(out);
            try (Progress bar = new Progress("mimo estimate", (long) pilots.size() * points.length)) {
                for (var entry : byPilots.entrySet()) {
                    int p = entry.getKey();
                    for (double s : points) {
                        bar.note(String.format(Locale.ROOT, "P=%d %.1f dB", p, s));
                        results.add(study.run(PilotMatrix.dft(nt, p), s, entry.getValue(), detection,
                                new NoiseSource(seed).fork(p).fork(Double.doubleToLongBits(s))));
                        bar.step();
                    }
                }
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("nt", nt);
        facts.put("nr", nr);
        facts.put("channel", model.id());
        facts.put("pilots", "orthogonal DFT, unit-modulus entries");
        facts.put("snr_convention", "per receive antenna: N_T/N0 per pilot column, E|h_ij|^2 = 1");
        facts.put("lmmse_covariance", geometric ? "sample covariance of " + covarianceDraws + " draws" : "closed form");
        facts.put("channels", channels);
        facts.put("seed", seed);
        if (diffusion) {
            facts.put("run", run.toString());
            facts.put("langevin", Map.of("levels", levels, "steps_per_level", steps, "chains", chains, "epsilon", epsilon,
                    "sigma_first", sigmaFirst, "sigma_last", sigmaLast));
        }
        if (detection != null) {
            facts.put("modulation", detection.qam().id());
            facts.put("data_vectors", dataVectors);
        }
        EstimationReport.write(out, String.format(Locale.ROOT, "%dx%d %s channel estimation", nr, nt, model.id()), facts, results);
        if (json) {
            System.out.println(Reports.toPrettyJson(EstimationReport.json(facts, results)));
        } else {
            results.forEach(r -> r.nmse().forEach(n -> System.out.println(EstimationReport.line(n))));
            results.forEach(r -> r.ser().forEach(s -> System.out.println(EstimationReport.line(s))));
            System.out.println("wrote " + out);
        }
        return 0;
    }

    private List<String> estimatorNames() {
        List<String> names = new ArrayList<>();
        List<String> given = estimators != null ? estimators : run != null ? List.of("ls", "lmmse", "diffusion") : List.of("ls", "lmmse");
        for (String raw : given) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (!List.of("ls", "lmmse", "diffusion").contains(e)) {
                throw new IllegalArgumentException("unknown estimator '" + raw + "'; choose from ls, lmmse, diffusion");
            }
            if (names.contains(e)) {
                throw new IllegalArgumentException("--estimators names " + e + " twice");
            }
            if (e.equals("ls") && estimators != null && pilots.stream().anyMatch(p -> p < nt)) {
                throw new IllegalArgumentException("--estimators ls needs every --pilots >= --nt " + nt
                        + " (least squares cannot invert fewer pilots); drop ls or leave --estimators out to use it where it applies");
            }
            names.add(e);
        }
        return names;
    }

    private EstimationStudy.Detection detection() {
        if (detect == null) {
            Detectors.notFor(spec, "without --detect", "--modulation", "--data-vectors");
            return null;
        }
        Limits.require("--data-vectors", dataVectors, 1, 1_000_000);
        Qam qam = Qam.parse(modulation);
        return new EstimationStudy.Detection(qam, Detectors.parse("--detect", detect, qam, nt, nr, AnnealedLangevin.defaults()), dataVectors);
    }
}
