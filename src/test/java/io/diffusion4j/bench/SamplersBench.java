package io.diffusion4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.PointBatches;
import io.diffusion4j.data.Points;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.oracle.MixtureOracle;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.objective.DenoisingObjective;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.objective.TimestepSampler;
import io.diffusion4j.ode.OdeIntegrator;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.AnnealedLangevinSampler;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.DdpmSampler;
import io.diffusion4j.sampler.DpmSolverPlusPlus2M;
import io.diffusion4j.sampler.EulerMaruyamaSampler;
import io.diffusion4j.sampler.Gmm8Quality;
import io.diffusion4j.sampler.LangevinCorrector;
import io.diffusion4j.sampler.PredictorCorrectorSampler;
import io.diffusion4j.sampler.ProbabilityFlowSampler;
import io.diffusion4j.sampler.ReverseDiffusionSampler;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.DiscreteTimeDenoiser;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.SdeGrids;
import io.diffusion4j.sde.VpSde;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Error versus NFE for every sampler on gmm8 (normalised), on the VP SDE: SWD to the data divided by its floor
 * ({@link Gmm8Quality}: 16 chunks of 500 samples, so a perfect sampler scores 1 ± 0.15), with the exact oracle
 * denoiser and with an MLP trained in discrete time (core Trainer + DenoisingObjective, linear schedule, ε) used
 * through {@link DiscreteTimeDenoiser}. Prints a markdown table per model and writes CSV and PNG plots.
 *
 * <p>Usage: {@code SamplersBench [--out DIR] [--nfe 5,10,...] [--mlp-steps 3000] [--models oracle,mlp]}.
 */
public final class SamplersBench {
    private static final Sde VP = VpSde.standard();

    /** One row: a sampler and grid for a target NFE (what it actually costs is measured). */
    private record Row(String name, IntFunction<Run> forNfe) {
    }

    private record Run(Sampler sampler, TimeGrid grid) {
    }

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("em (uniform t)", n -> new Run(new EulerMaruyamaSampler(VP), SdeGrids.uniform(VP, n))));
        rows.add(new Row("pc r=0.16 M=1 (uniform t)", n -> new Run(new PredictorCorrectorSampler(new ReverseDiffusionSampler(),
                new LangevinCorrector(0.16, 1)), SdeGrids.uniform(VP, Math.max(1, (n + 1) / 2)))));
        rows.add(new Row("ode-euler (uniform t)", n -> new Run(new ProbabilityFlowSampler(VP, OdeIntegrator.euler()), SdeGrids.uniform(VP, n))));
        rows.add(new Row("ode-heun (karras 7)", n -> new Run(new ProbabilityFlowSampler(VP, OdeIntegrator.heun()),
                SdeGrids.karras(VP, Math.max(1, (n + 1) / 2), 7))));
        rows.add(new Row("ode-rk45 (rtol=atol)", n -> new Run(new ProbabilityFlowSampler(VP,
                OdeIntegrator.dormandPrince(rk45Tolerance(n), rk45Tolerance(n))), SdeGrids.uniform(VP, 2))));
        rows.add(new Row("ald K≈5 (log-SNR)", n -> {
            int levels = Math.max(1, (n - 1) / 5);
            int k = Math.max(1, (n - 1) / levels);
            TimeGrid g = SdeGrids.logSnr(VP, levels);
            double sigmaL = g.level(g.steps() - 1).sigma();
            return new Run(new AnnealedLangevinSampler(sigmaL * sigmaL, k), g);
        }));
        rows.add(new Row("dpmpp-2m (log-SNR)", n -> new Run(new DpmSolverPlusPlus2M(), SdeGrids.logSnr(VP, n))));
        rows.add(new Row("ddim η=0 (log-SNR)", n -> new Run(new DdimSampler(0), SdeGrids.logSnr(VP, n))));
        rows.add(new Row("ddpm ancestral (log-SNR)", n -> new Run(new DdpmSampler(ReverseVariance.FIXED_SMALL), SdeGrids.logSnr(VP, n))));
        return rows;
    }

    /**
     * A tolerance ladder that lands Dormand–Prince near the target NFE on this problem (measured with the oracle:
     * rtol = atol = 1 → 15, 3e-2 → 27, 1e-3 → 45, 1e-5 → 105, 1e-7 → 213, 1e-10 → ~480). Fewer than 15
     * evaluations cannot be asked of it: the start costs 2, each step 6, the final denoising 1.
     */
    private static double rk45Tolerance(int nfe) {
        if (nfe <= 10) {
            return 1;
        }
        if (nfe <= 20) {
            return 3e-2;
        }
        if (nfe <= 50) {
            return 1e-3;
        }
        if (nfe <= 100) {
            return 1e-5;
        }
        if (nfe <= 250) {
            return 1e-7;
        }
        return 1e-10;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of("bench/out/samplers");
        int[] nfes = {5, 10, 20, 50, 100, 250, 1000};
        int mlpSteps = 3000;
        List<String> models = List.of("oracle", "mlp");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--nfe" -> nfes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--mlp-steps" -> mlpSteps = Integer.parseInt(args[++i]);
                case "--models" -> models = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(out);
        Gmm8Quality quality = Gmm8Quality.create();
        System.out.printf(Locale.ROOT, "gmm8 (normalised), n=%d in %d chunks; SWD floor %.4f%n", Gmm8Quality.N,
                Gmm8Quality.CHUNKS, quality.floor());
        try (NDManager manager = Engines.newManager()) {
            if (models.contains("oracle")) {
                table("oracle", new MixtureOracle(quality.mixture()), quality, nfes, manager, out);
            }
            if (models.contains("mlp")) {
                try (Network net = train(quality, mlpSteps, manager)) {
                    Schedule linear = Schedule.linear(1000, 1e-4, 0.02);
                    Denoiser model = new DiscreteTimeDenoiser(new NetworkDenoiser(net, Parametrization.EPS), linear);
                    table("mlp", model, quality, nfes, manager, out);
                }
            }
        }
    }

    private static Network train(Gmm8Quality quality, int steps, NDManager manager) {
        long t0 = System.nanoTime();
        Points data = quality.mixture().sample(20_000, new NoiseSource(11));
        Network net = Network.create(MlpSpec.of(2, 128, 128, 128), manager, 12);
        DenoisingObjective loss = new DenoisingObjective(Schedule.linear(1000, 1e-4, 0.02), Parametrization.EPS,
                LossWeighting.NONE, TimestepSampler.UNIFORM);
        try (Trainer trainer = new Trainer(net, loss, new PointBatches(data), TrainConfig.defaults(steps, 256, 13))) {
            double avg = 0;
            while (!trainer.done()) {
                avg = 0.99 * avg + 0.01 * trainer.trainStep().loss();
            }
            net.load(trainer.samplingWeights());
            System.out.printf(Locale.ROOT, "%nMLP 3×128, ε-prediction, linear schedule T=1000: %d steps, batch 256, "
                    + "final loss (EMA of steps) %.4f, %.0f s; sampled with EMA weights via DiscreteTimeDenoiser%n",
                    steps, avg, (System.nanoTime() - t0) / 1e9);
        }
        return net;
    }

    private static void table(String label, Denoiser model, Gmm8Quality quality, int[] nfes, NDManager manager, Path out)
            throws IOException {
        StringBuilder md = new StringBuilder();
        StringBuilder csv = new StringBuilder("model,sampler,target_nfe,nfe,swd,swd_over_floor,seconds\n");
        md.append("\n### ").append(label).append(": SWD / floor (actual NFE)\n\n| sampler |");
        for (int n : nfes) {
            md.append(" ").append(n).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(nfes.length)).append('\n');
        XYChart chart = new XYChartBuilder().width(900).height(600).title("gmm8, " + label + ": SWD vs NFE")
                .xAxisTitle("NFE").yAxisTitle("SWD / floor").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        for (Row row : rows()) {
            md.append("| ").append(row.name()).append(" |");
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int target : nfes) {
                Run run = row.forNfe().apply(target);
                long t0 = System.nanoTime();
                int[] nfe = {0};
                double swd;
                try (NDManager m = manager.newSubManager()) {
                    NDArray xT = VP.priorSample(m, new Shape(Gmm8Quality.N, 2), new NoiseSource(300));
                    NDArray x = run.sampler().sample(model, run.grid(), xT, new NoiseSource(400), s -> nfe[0] = s.nfe());
                    swd = quality.swd(Points.of(x));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double ratio = swd / quality.floor();
                md.append(String.format(Locale.ROOT, " %.2f (%d) |", ratio, nfe[0]));
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.4f,%.2f%n", label, row.name(), target, nfe[0], swd, ratio, seconds));
                xs.add((double) nfe[0]);
                ys.add(ratio);
            }
            md.append('\n');
            chart.addSeries(row.name(), xs, ys);
            System.out.print(md);
            md.setLength(0);
        }
        Files.writeString(out.resolve(label + ".csv"), csv.toString());
        BitmapEncoder.saveBitmap(chart, out.resolve(label + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("\nwrote " + out.resolve(label + ".csv") + " and " + out.resolve(label + ".png"));
    }
}
