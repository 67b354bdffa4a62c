package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Normalization;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.ImageData;
import io.diffusion4j.run.DataSpec;
import io.diffusion4j.run.ModelKind;
import io.diffusion4j.run.RunConfig;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.run.TrainRun;
import io.diffusion4j.run.Version;
import io.diffusion4j.schedule.ScheduleSpec;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Image runs in the standard run directory ({@code d4j train --data fashion-mnist|FOLDER --model unet}): the
 * {@link RunConfig} of a U-Net over the images (identity normalisation, pixels in [−1, 1], the {@link ImageData}
 * with class names and p_uncond), training through {@link TrainRun} with label dropout for class-conditional nets and
 * a sample grid every N steps, and reopening the data on {@code --resume}.
 */
public final class ImageRuns {
    private ImageRuns() {
    }

    /** The U-Net choices of {@code d4j train --model unet}. */
    public record UNetOptions(int imageSize, int base, double dropout, double pUncond, boolean unconditional) {
    }

    /** The config of a new image run on {@code images} (opened from {@code data}). */
    public static RunConfig newConfig(String data, ImageSet images, UNetOptions o, ScheduleSpec schedule,
                                      Parametrization p, io.diffusion4j.objective.WeightingSpec weighting, TrainConfig train) {
        boolean conditional = !o.unconditional() && images.numClasses() >= 2;
        UNetSpec spec = ImageTraining.unet(images, o.base(), conditional, o.dropout());
        ImageData image = new ImageData(images.channels(), images.height(), images.width(), o.imageSize(),
                conditional ? images.classes() : java.util.List.of(), conditional ? o.pUncond() : 0);
        return new RunConfig(Version.VERSION, new DataSpec(data, images.n(), image.dim(), Normalization.identity(image.dim()), 1.0),
                ModelKind.UNET, spec, schedule, p, weighting, train, null, image, null, null);
    }

    /** The training images of an existing run (for {@code --resume}). */
    public static ImageSet data(RunConfig cfg, Consumer<String> log) {
        ImageSet images = ImageTraining.open(cfg.data().source(), cfg.image().resize(), FashionMnist.Split.TRAIN, log);
        if (images.channels() != cfg.image().channels() || images.height() != cfg.image().height()
                || images.width() != cfg.image().width()) {
            throw new IllegalArgumentException(cfg.data() + " now holds " + images.channels() + "×" + images.height() + "×"
                    + images.width() + " images but the run was trained on " + cfg.image().channels() + "×"
                    + cfg.image().height() + "×" + cfg.image().width());
        }
        return images;
    }

    /**
     * Trains (or continues) the run; with {@code gridEvery} &gt; 0 writes {@code grid-STEP.png} (one row per class,
     * guidance {@code gridGuidance}) from the EMA weights every that many steps.
     */
    public static TrainRun.Result train(RunDirectory dir, RunConfig cfg, ImageSet images, boolean resume,
                                        TrainListener progress, int gridEvery, double gridGuidance) throws IOException {
        UNetSpec spec = (UNetSpec) cfg.network();
        try (NDManager m = Engines.newManager(); Network scratch = gridEvery > 0 ? Network.create(spec, m, 0) : null) {
            return TrainRun.train(dir, cfg, ImageTraining.batches(images, spec), resume, progress,
                    trainer -> gridEvery > 0
                            ? new PeriodicGrid(trainer, scratch, cfg.prediction(),
                                    cfg.schedule().build(), dir.dir(), gridEvery, 8, gridGuidance)
                            : s -> { });
        }
    }
}
