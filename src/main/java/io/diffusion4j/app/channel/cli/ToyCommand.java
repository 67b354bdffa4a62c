package io.diffusion4j.app.channel.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.app.channel.ChannelPlots;
import io.diffusion4j.app.channel.ChannelToy;
import io.diffusion4j.app.channel.DiffusionChannel;
import io.diffusion4j.app.channel.ToyReport;
import io.diffusion4j.io.Reports;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code channel toy}: 16-QAM over AWGN, a diffusion model of p(y | x), constellation and |y| plots, pass criteria. */
@Command(name = "toy", mixinStandardHelpOptions = true, description = "The tutorial toy: 16-QAM, n = 2, AWGN; writes toy.json and PNGs.")
final class ToyCommand implements Callable<Integer> {
    @Option(names = "--ebn0", defaultValue = "5", description = "Eb/N0 in dB (default 5: σ = 0.28117); default ${DEFAULT-VALUE}")
    String ebn0;

    @Option(names = "--samples", defaultValue = "20000", description = "generated outputs to judge; default ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--ddim-steps", defaultValue = "50", description = "DDIM steps for the extra DDIM report; default ${DEFAULT-VALUE}")
    int ddimSteps;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the whole run; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "runs/channel-toy", description = "output folder; default ${DEFAULT-VALUE}")
    Path out;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireWritableDir(out, "--out");
        Inputs.bounded("--samples", samples, Limits.MAX_POINTS);
        Inputs.bounded("--ddim-steps", ddimSteps, 100);
        double eb = Inputs.singleEbN0(ebn0);
        ChannelToy d = ChannelToy.defaults(seed);
        int steps = model.steps(d.train().steps());
        ChannelToy toy = new ChannelToy(model.config(2, 64), eb, model.dataset(d.dataset()),
                TrainConfig.defaults(steps, d.train().batch(), seed).withLr(model.steps == null ? d.train().lr() : model.lr),
                Inputs.positive("--samples", samples));
        Inputs.positive("--ddim-steps", ddimSteps);
        Files.createDirectories(out);
        try (NDManager m = Engines.newManager(); Writer csv = io.diffusion4j.io.AtomicFiles.newWriter(out.resolve("metrics.csv"))) {
            csv.write("phase,step,loss,lr,grad_norm\n");
            Network net;
            try (Progress bar = new Progress("channel model", steps)) {
                net = toy.trainModel(m, bar.training("model", csv));
            }
            ChannelFiles.save(out, "channel-model", net, Map.of("method", "diffusion", "channel", "awgn", "ebn0", eb,
                    "M", 16, "n", 2, "config", toy.config()));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("config", toy.config());
            json.put("ebn0", eb);
            ToyReport primary = null;
            DiffusionChannel[] samplers = {toy.ddpm(net, ReverseVariance.FIXED_LARGE), toy.ddpm(net, ReverseVariance.FIXED_SMALL),
                toy.ddim(net, ddimSteps)};
            for (DiffusionChannel ch : samplers) {
                ToyReport r = ChannelToy.evaluate(ch, ch.name(), toy.sigma(), eb, toy.samples(), m, new NoiseSource(seed).fork(77));
                json.put(ch.name(), Reports.toJsonTree(r.summary()));
                System.out.println(line(r));
                primary = primary == null ? r : primary;
            }
            json.put("pass", primary.pass());
            ChannelFiles.writeJson(out.resolve("toy.json"), json);
            ChannelPlots.constellation(out.resolve("constellation.png"), primary.generated(), primary.truth(),
                    String.format(Locale.ROOT, "16-QAM over AWGN, Eb/N0 = %.1f dB: %s", eb, primary.sampler()));
            ChannelPlots.amplitude(out.resolve("amplitude.png"), ChannelToy.amplitudes(primary.generated()),
                    ChannelToy.amplitudes(primary.truth()), 80);
            System.out.println((primary.pass() ? "PASS" : "FAIL") + " (" + primary.sampler() + "); wrote " + out);
        }
        return 0;
    }

    static String line(ToyReport r) {
        return String.format(Locale.ROOT, "%-34s residual mean (%+.4f, %+.4f) std (%.4f, %.4f) vs σ %.4f  SER %.4f [%.4f, %.4f] vs %.4f  SWD %.4f (floor %.4f)%s",
                r.sampler(), r.residualMean()[0], r.residualMean()[1], r.residualStd()[0], r.residualStd()[1], r.sigma(),
                r.ser().rate(), r.ser().lower(), r.ser().upper(), r.serAnalytic(), r.swd(), r.swdFloor(), r.pass() ? "  pass" : "  fail");
    }
}
