package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.ImageBatches;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.objective.ClassificationLoss;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import io.diffusion4j.train.Trainer;

/**
 * Trains an image classifier with the project's trainer (Adam, warm-up, clipping, EMA): on clean images for the
 * FID-FMNIST feature network, or on noisy images x_t with t ~ U{1..T} for classifier guidance (Dhariwal &amp; Nichol
 * 2021, §4). Returns the classifier with the EMA weights loaded.
 */
public final class ClassifierTraining {
    private ClassifierTraining() {
    }

    /** The spec a classifier of these images gets: {@link ClassifierSpec#of}, time-conditioned when noisy. */
    public static ClassifierSpec specFor(ImageSet images, boolean noisy) {
        if (images.labels() == null || images.numClasses() < 2) {
            throw new IllegalArgumentException("training a classifier needs labelled images of at least two classes (sub-folders per class)");
        }
        return ClassifierSpec.of(images.channels(), images.height(), images.width(), images.numClasses(), noisy);
    }

    /**
     * Trains {@code spec} on {@code images}; {@code schedule} null trains on clean images, otherwise on noisy ones.
     * The network lives in {@code manager}.
     */
    public static NetworkClassifier train(ImageSet images, ClassifierSpec spec, Schedule schedule, TrainConfig config,
                                          NDManager manager, TrainListener listener) {
        Network net = Network.create(spec, manager, config.seed());
        try (Trainer trainer = new Trainer(net, new ClassificationLoss(schedule), new ImageBatches(images, true), config)) {
            while (!trainer.done()) {
                listener.onStep(trainer.trainStep());
            }
            net.load(trainer.samplingWeights());
        }
        return new NetworkClassifier(net);
    }
}
