package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import com.google.gson.annotations.SerializedName;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.metrics.FrechetDistance;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.noise.NoiseSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * FID-FMNIST: the Fréchet distance ({@link FrechetDistance}) between Gaussian fits of the 128 penultimate-layer
 * features of a Fashion-MNIST classifier trained by this project (shipped in the resources with the command and
 * seed that made it), for samples against the training images. It plays the role of FID (Heusel et al. 2017) but
 * with this small classifier in place of Inception-v3, whose weights cannot be shipped — numbers are comparable only
 * with other FID-FMNIST numbers, and only at the same sample count n (the estimate is biased upwards at small n).
 * Each {@link Report} therefore carries its floor (n real test images against the same reference) and the FID of the
 * {@link PixelGaussian} baseline and of pure noise at the same n.
 */
public final class FidFmnist {
    /** The shipped feature network (see its metadata for command, seed and accuracy). */
    public static final String WEIGHTS = "/io/diffusion4j/app/image/fmnist-classifier.safetensors";

    private final NetworkClassifier classifier;
    private final ImageSet train;
    private final ImageSet test;
    private final FrechetDistance.Reference reference;

    private FidFmnist(NetworkClassifier classifier, ImageSet train, ImageSet test) {
        this.classifier = classifier;
        this.train = train;
        this.test = test;
        this.reference = FrechetDistance.Reference.of(FrechetDistance.Fit.of(classifier.features(train)));
    }

    /** The shipped feature network, with the reference statistics taken from {@code train}; {@code test} gives floors. */
    public static FidFmnist load(NDManager manager, ImageSet train, ImageSet test) {
        if (train.channels() != 1 || train.height() != 28 || train.width() != 28) {
            throw new IllegalArgumentException("FID-FMNIST needs 28×28 grayscale images, got " + train.channels() + "×"
                    + train.height() + "×" + train.width() + "; it is defined for Fashion-MNIST only");
        }
        return new FidFmnist(shippedClassifier(manager), train, test);
    }

    /** The shipped Fashion-MNIST classifier (also the judge of conditional accuracy). */
    public static NetworkClassifier shippedClassifier(NDManager manager) {
        try (InputStream in = FidFmnist.class.getResourceAsStream(WEIGHTS)) {
            if (in == null) {
                throw new IllegalStateException("resource " + WEIGHTS + " is missing from the build");
            }
            return NetworkClassifier.load(ClassifierSpec.of(1, 28, 28, 10, false), manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEIGHTS + ": " + e.getMessage(), e);
        }
    }

    public NetworkClassifier classifier() {
        return classifier;
    }

    /** FID-FMNIST of the images against the training reference. */
    public double fid(ImageSet images) {
        return fid(features(images));
    }

    /** FID-FMNIST of images given by their {@link #features} against the training reference. */
    public double fid(Points features) {
        return reference.squared(FrechetDistance.Fit.of(features));
    }

    public Points features(ImageSet images) {
        return classifier.features(images);
    }

    /** The samples' FID with its floor and the two baselines at the same n (at most the test-set size for the floor). */
    public Report report(ImageSet samples, NoiseSource noise) {
        int n = samples.n();
        ImageSet real = test.head(n);
        ImageSet gauss = PixelGaussian.fit(train).sample(n, noise.fork(1));
        float[] px = new float[n * samples.imageSize()];
        NoiseSource white = noise.fork(2);
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) Math.max(-1, Math.min(1, white.nextGaussian()));
        }
        ImageSet pure = new ImageSet(n, samples.channels(), samples.height(), samples.width(), px, null, List.of());
        return new Report(n, fid(samples), fid(real), real.n(), fid(gauss), fid(pure));
    }

    /**
     * One FID-FMNIST measurement beside its references.
     *
     * Its JSON ({@link io.diffusion4j.io.Reports}): n, fid_fmnist, fid_floor, fid_floor_n, fid_gaussian, fid_noise.
     *
     * @param floor    n real test images (nFloor, if the test set is smaller) against the same training reference
     * @param gaussian the pixel-Gaussian baseline at the same n
     * @param noise    N(0, 1) pixels clipped to [−1, 1] at the same n
     */
    public record Report(int n, @SerializedName("fid_fmnist") double fid, @SerializedName("fid_floor") double floor,
                         @SerializedName("fid_floor_n") int nFloor, @SerializedName("fid_gaussian") double gaussian,
                         @SerializedName("fid_noise") double noise) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "FID-FMNIST %.2f (n=%d; floor train-vs-test %.2f at n=%d; gaussian baseline %.2f;"
                    + " pure noise %.1f)", fid, n, floor, nFloor, gaussian, noise);
        }
    }
}
