package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class FidFmnistTest {
    private static ImageSet train;
    private static ImageSet test;

    @BeforeAll
    static void load() {
        FashionMnist.Source s = FashionMnist.bundled();
        train = s.load(FashionMnist.Split.TRAIN);
        test = s.load(FashionMnist.Split.TEST);
    }

    /** The shipped feature network (trained by tools.TrainFeatureClassifier) classifies the bundled test subset. */
    @Test
    void shippedClassifierReaches85PercentOnTheBundledTestSubset() {
        try (NDManager m = Engines.newManager()) {
            NetworkClassifier c = FidFmnist.shippedClassifier(m);
            double acc = c.accuracy(test, test.labels());
            // 2,000 images: the binomial standard error at 90 % is 0.7 points, so 85 % is > 5 errors below the
            // accuracy recorded in the weights' metadata
            assertTrue(acc >= 0.85, "accuracy " + acc);
        }
    }

    /** Real test images are closer to the training features than the pixel Gaussian, which is closer than noise. */
    @Test
    void floorBelowGaussianBelowNoise() {
        try (NDManager m = Engines.newManager()) {
            FidFmnist fid = FidFmnist.load(m, train.head(1000), test);
            FidFmnist.Report r = fid.report(test.head(400), new NoiseSource(7));
            assertTrue(r.floor() < r.gaussian(), r.toString());
            assertTrue(r.gaussian() < r.noise(), r.toString());
            assertTrue(Math.abs(r.fid() - r.floor()) < 1e-9, r.toString()); // the samples here are the floor's images
        }
    }
}
