package io.diffusion4j.app.channel.cli;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.channel.Channel;
import io.diffusion4j.app.channel.ChannelData;
import io.diffusion4j.app.channel.ChannelFidelity;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.app.channel.ChannelLearner;
import io.diffusion4j.app.channel.ChannelPlots;
import io.diffusion4j.app.channel.ModeCoverage;
import io.diffusion4j.data.Points;
import io.diffusion4j.io.Reports;
import io.diffusion4j.app.progress.Progress;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.Writer;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code channel train-model}: measures the true channel on x ~ N(0, I_n), fits a diffusion or WGAN channel model,
 * saves it (channel-model.json/.safetensors) and reports its fidelity (SWD against the true channel) in fidelity.json.
 */
@Command(name = "train-model", mixinStandardHelpOptions = true,
        description = "Fit a channel model (diffusion or WGAN) to measurements of the true channel on Gaussian inputs.")
final class TrainModelCommand implements Callable<Integer> {
    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Mode coverage on Gaussian inputs: this many conditions x, {@link #COVERAGE_DRAWS} outputs each. */
    static final int COVERAGE_CONDITIONS = 50;
    static final int COVERAGE_DRAWS = 100;

    @Override
    public Integer call() throws Exception {
        run.validate(spec);
        String method = run.method("diffusion", "wgan");
        if (method.equals("wgan")) {
            Inputs.notFor(spec, "to --method wgan (it has its own settings)", "--schedule", "--prediction", "--hidden",
                    "--model-lr", "--ddim-steps", "--sampler");
        } else {
            model.config(run.n, 128);
        }
        model.steps(1);
        model.dataset(1);
        Channel truth = run.trueChannel();
        Files.createDirectories(run.out);
        try (NDManager m = Engines.newManager(); Writer csv = io.diffusion4j.io.AtomicFiles.newWriter(run.out.resolve("metrics.csv"))) {
            csv.write("phase,step,loss,lr,grad_norm\n");
            ChannelLearner learner = run.learner(method, model, m);
            NoiseSource noise = new NoiseSource(run.seed).fork(0x9E7AL);
            ChannelData data = ChannelData.measure(truth, ChannelData.gaussianInputs(model.dataset(RunOptions.DATASET), run.n, noise.fork(1)),
                    m, noise.fork(2));
            Channel fitted;
            try (Progress bar = new Progress(method + " model", run.modelSteps(method, model))) {
                fitted = learner.fit(data, bar.training("model", csv));
            }
            learner.save(run.out, run.facts());
            ChannelFidelity f = ChannelFidelity.measure(fitted, truth, ChannelData.gaussianInputs(5_000, run.n, noise.fork(3)),
                    m, noise.fork(4));
            Map<String, Object> json = new LinkedHashMap<>(run.facts());
            json.put("model", fitted.name());
            json.put("gaussian_inputs", Reports.toJsonTree(f));
            Points conditions = ChannelData.gaussianInputs(COVERAGE_CONDITIONS, run.n, noise.fork(5));
            ModeCoverage cov = ModeCoverage.measure(fitted, truth, conditions, COVERAGE_DRAWS, m, noise.fork(6));
            json.put("mode_coverage_gaussian_inputs", Reports.toJsonTree(cov));
            ChannelPlots.fixedInput(run.out.resolve("fixed-input.png"), fitted, truth, conditions, 3000, method + " model", m, noise.fork(7));
            ChannelFiles.writeJson(run.out.resolve("fidelity.json"), json);
            System.out.printf("%s on %s: SWD %.4f (floor %.4f), residual power %.4f (true %.4f)%n", fitted.name(),
                    truth.name(), f.swd(), f.swdFloor(), f.residualPowerModel(), f.residualPowerTrue());
            System.out.printf("mode coverage on %d Gaussian inputs × %d draws: %s%nwrote %s%n", COVERAGE_CONDITIONS, COVERAGE_DRAWS,
                    cov.line(), run.out);
        }
        return 0;
    }
}
