package io.diffusion4j.app.train;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.ImageRuns;
import io.diffusion4j.app.image.ImageTraining;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.limits.Limits;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/** Image runs of {@code d4j train}: a U-Net on Fashion-MNIST or a folder of images, new or resumed. */
final class ImageTrainService {
    private ImageTrainService() {
    }

    static String start(RunDirectory dir, TrainRequest r, TrainService.Common c, LongFunction<TrainListener> progress,
                        Consumer<String> log) throws IOException {
        if (c.process() != null) {
            throw new IllegalArgumentException("--process needs --model mlp");
        }
        if (r.has("--hidden") || r.has("--n-data")) {
            throw new IllegalArgumentException("--hidden and --n-data apply to point data; a U-Net is sized with --base");
        }
        Limits.require("--base", r.base(), 8, Limits.MAX_UNET_BASE);
        if (r.base() % 8 != 0) {
            throw new IllegalArgumentException("--base must be a multiple of 8 (GroupNorm with 8 groups), e.g. 32, got " + r.base());
        }
        requireGridEvery(r);
        java.util.List<String> held = new java.util.ArrayList<>();   // printed once the sizes are known to fit
        ImageSet images = ImageTraining.open(r.data(), r.imageSize(), FashionMnist.Split.TRAIN, held::add);
        RunConfig base = ImageRuns.newConfig(r.data(), images,
                new ImageRuns.UNetOptions(r.imageSize(), r.base(), r.dropout(), r.pUncond(), r.unconditional()),
                c.schedule(), c.prediction(), c.weighting(), c.train());
        UNetSpec net = (UNetSpec) base.network();
        requireMemory(net, c.train().batch(), images);
        held.forEach(log);
        RunConfig cfg = new RunConfig(base.version(), base.data(), base.model(),
                net.withOutChannels(c.improved().variance().outputChannels(net.channels())), base.schedule(),
                base.prediction(), base.weighting(), base.train(), null, base.image(), c.improved(), null);
        return train(dir, cfg, images, false, r, progress, log);
    }

    static String resume(RunDirectory dir, RunConfig cfg, TrainRequest r, LongFunction<TrainListener> progress,
                         Consumer<String> log) throws IOException {
        requireGridEvery(r);
        return train(dir, cfg, ImageRuns.data(cfg, log), true, r, progress, log);
    }

    /** The images on the heap and the U-Net's training state and activations in native memory. */
    private static void requireMemory(UNetSpec net, int batch, ImageSet images) {
        Limits.requireMemory("--base " + net.base() + " with --batch " + batch + " on " + images.n() + " images of "
                + images.height() + "×" + images.width(), 8.0 * images.n() * images.imageSize(),
                Limits.trainingBytes(net.parameterEstimate(), batch * net.activationsPerSample()));
    }

    private static void requireGridEvery(TrainRequest r) {
        if (r.gridEvery() < 0) {
            throw new IllegalArgumentException("--grid-every must be >= 0, got " + r.gridEvery());
        }
    }

    private static String train(RunDirectory dir, RunConfig cfg, ImageSet images, boolean resume, TrainRequest r,
                                LongFunction<TrainListener> progress, Consumer<String> log) throws IOException {
        UNetSpec u = (UNetSpec) cfg.network();
        try (NDManager m = Engines.newManager(); Network probe = Network.create(u, m, 0)) {
            log.accept(String.format(Locale.ROOT, "model: U-Net base %d ×%s, %d residual blocks per level, attention at levels %s, %s; %,d parameters",
                    u.base(), Arrays.toString(u.mult()), u.resBlocks(), Arrays.toString(u.attentionLevels()),
                    u.classes() > 0 ? u.classes() + " classes + null, p_uncond " + cfg.image().pUncond() : "unconditional",
                    probe.parameterCount()));
        }
        TrainRun.Result res = ImageRuns.train(dir, cfg, images, resume, progress.apply(cfg.train().steps()), r.gridEvery(), 1.0);
        return TrainService.summary(cfg, res, dir);
    }
}
