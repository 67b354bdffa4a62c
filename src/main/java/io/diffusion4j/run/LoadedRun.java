package io.diffusion4j.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.Points;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.model.GaussianBaseline;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained run opened for sampling: its config, schedule, normalisation and either a denoiser over normalised data
 * (network runs, sampling weights from model.safetensors) or the Gaussian baseline.
 */
public final class LoadedRun implements AutoCloseable {
    private final RunConfig config;
    private final Network network;
    private final GaussianBaseline gaussian;

    private LoadedRun(RunConfig config, Network network, GaussianBaseline gaussian) {
        this.config = config;
        this.network = network;
        this.gaussian = gaussian;
    }

    public static LoadedRun open(RunDirectory dir, NDManager manager) {
        RunConfig cfg = dir.readConfig();
        if (!Files.isRegularFile(dir.model())) {
            throw new IllegalArgumentException(dir.dir() + " has no model.safetensors (training did not finish); resume it with 'd4j train --out "
                    + dir.dir() + " --resume'");
        }
        Safetensors.Contents c;
        try {
            c = Safetensors.read(dir.model());
        } catch (IOException e) {
            String why = RunDirectory.oneLine(e);
            throw new IllegalArgumentException((why.contains(dir.model().toString()) ? why : dir.model() + " is unreadable: " + why)
                    + "; retrain the run or restore model.safetensors");
        }
        if (cfg.model() == io.diffusion4j.run.ModelKind.GAUSSIAN) {
            Tensor mean = c.tensors().get("mean");
            Tensor cov = c.tensors().get("covariance");
            if (mean == null || cov == null) {
                throw new IllegalArgumentException(dir.model() + " lacks the Gaussian baseline's mean/covariance; retrain it");
            }
            int d = mean.data().length;
            double[] mu = new double[d];
            double[][] sigma = new double[d][d];
            for (int i = 0; i < d; i++) {
                mu[i] = mean.data()[i];
                for (int j = 0; j < d; j++) {
                    sigma[i][j] = cov.data()[i * d + j];
                }
            }
            return new LoadedRun(cfg, null, new GaussianBaseline(mu, sigma));
        }
        if (cfg.network() == null || cfg.schedule() == null || cfg.prediction() == null) {
            throw new IllegalArgumentException(dir.config() + " lacks the network, schedule or prediction; retrain the run");
        }
        Network net = Network.create(cfg.network(), manager, 0);
        Map<String, float[]> w = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> w.put(k, v.data()));
        try {
            net.load(w);
        } catch (IllegalArgumentException e) {
            net.close();
            throw new IllegalArgumentException(dir.model() + " does not match config.json: " + e.getMessage());
        }
        return new LoadedRun(cfg, net, null);
    }

    public RunConfig config() {
        return config;
    }

    public boolean isGaussian() {
        return gaussian != null;
    }

    public GaussianBaseline gaussian() {
        return gaussian;
    }

    public Normalization normalization() {
        return config.data().normalization();
    }

    public Schedule schedule() {
        return config.schedule().build();
    }

    public Network network() {
        return network;
    }

    /**
     * The trained denoiser over normalised data (images: N×C×H×W in [−1, 1]). For a class-conditional U-Net this is
     * the unconditional model: every call is given the null class, for any batch size.
     */
    public Denoiser denoiser() {
        if (config.isContinuous()) {
            return TrainRun.scoreMatching(config).denoiser(network);
        }
        ReverseVariance variance = ImprovedDdpmConfig.of(config).variance();
        Parametrization p = config.prediction();
        int nullClass = nullClass();
        if (nullClass < 0) {
            return Denoiser.of(network, p, variance, null);
        }
        return (x, level) -> Denoiser.of(network, p, variance, x.getManager().full(new Shape(x.getShape().get(0)), nullClass,
                DataType.FLOAT32)).predict(x, level);
    }

    /** The class-conditional denoiser bound to one label per sample (B); use {@link #nullClass()} for "no label". */
    public NetworkDenoiser denoiser(NDArray labels) {
        if (nullClass() < 0) {
            throw new IllegalArgumentException(config.data() + " run was trained without class labels; sample it without --class");
        }
        requireFixedVariance();
        return new NetworkDenoiser(network, config.prediction(), labels.toType(DataType.FLOAT32, false));
    }

    /** Class-conditional sampling reads a network with fixed variance (a learned one outputs 2C channels). */
    public void requireFixedVariance() {
        if (ImprovedDdpmConfig.of(config).variance().learned()) {
            throw new IllegalArgumentException("class-conditional sampling of a learned-variance run is not supported; train it with --variance fixed-small");
        }
    }

    /** Number of classes of a class-conditional U-Net (0 otherwise). */
    public int classes() {
        return config.network() instanceof UNetSpec u ? u.classes() : 0;
    }

    /** The null class of a class-conditional U-Net (its classes() index), −1 otherwise. */
    public int nullClass() {
        return config.network() instanceof UNetSpec u ? u.nullClass() : -1;
    }

    /** n draws from the Gaussian baseline (data space). */
    public Points sampleGaussian(int n, io.diffusion4j.noise.NoiseSource noise) {
        return gaussian.sample(n, noise);
    }

    @Override
    public void close() {
        if (network != null) {
            network.close();
        }
    }
}
