package io.diffusion4j.app.mimo.cli;

import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.estimation.ChannelVector;
import io.diffusion4j.io.Npy;
import io.diffusion4j.io.OutputPaths;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.noise.NoiseSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code mimo channels}: n draws of H as an n × 2·N_R·N_T .npy file in the channel-vector layout (real parts row by
 * row, then imaginary parts), the training data of a learned channel prior ({@code d4j train --data FILE}).
 */
@Command(name = "channels", mixinStandardHelpOptions = true, description = "Draw channel matrices into an .npy file (training data of a channel prior).")
final class ChannelsCommand implements Callable<Integer> {
    @Option(names = "--nt", defaultValue = "4", description = "transmit antennas; default ${DEFAULT-VALUE}")
    int nt;

    @Option(names = "--nr", defaultValue = "16", description = "receive antennas; default ${DEFAULT-VALUE}")
    int nr;

    @Option(names = "--channel", defaultValue = "geometric", description = "rayleigh, kronecker or geometric; default ${DEFAULT-VALUE}")
    String channel;

    @Option(names = "--rho", defaultValue = "0.7", description = "exponential correlation at both ends (kronecker only); default ${DEFAULT-VALUE}")
    double rho;

    @Option(names = "--n", defaultValue = "20000", description = "number of channel draws; default ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the draws; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", required = true, description = "the .npy file to write")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new IllegalArgumentException("--out must name an .npy file, got " + out);
        }
        OutputPaths.requireWritableFile(out, "--out");
        Limits.require("--nt", nt, 1, SerCommand.MAX_ANTENNAS);
        Limits.require("--nr", nr, 1, SerCommand.MAX_ANTENNAS);
        ChannelModel model = ChannelModel.parse(channel, rho);
        if (!model.id().startsWith("kronecker")) {
            Detectors.notFor(spec, "for --channel " + channel + " (only kronecker is correlated)", "--rho");
        }
        int d = 2 * nr * nt;
        Limits.require("--n", n, 1, Math.max(1, Limits.MAX_POINTS / d));
        float[] values = new float[n * d];
        NoiseSource noise = new NoiseSource(seed);
        for (int k = 0; k < n; k++) {
            double[] v = ChannelVector.of(model.draw(nr, nt, noise.fork(k)));
            for (int j = 0; j < d; j++) {
                values[k * d + j] = (float) v[j];
            }
        }
        Npy.write(out, new Tensor(new long[] {n, d}, values));
        System.out.println("wrote " + n + " " + nr + "x" + nt + " " + model.id() + " channels (" + d + " numbers each) to " + out);
        return 0;
    }
}
