package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.run.LoadedRun;
import io.diffusion4j.run.RunDirectory;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end through the shipped class-conditional U-Net (models/fmnist-cond): its run directory loads, DDIM with
 * classifier-free guidance draws images of the asked classes, and the shipped FID-FMNIST classifier recognises them.
 */
class ShippedModelTest {
    private static final Path RUN = Path.of("models/fmnist-cond");

    @Test
    void guidedSamplesOfTheShippedModelAreTheirClasses() {
        int perClass = 6;
        int[] labels = new int[10 * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        try (NDManager m = Engines.newManager(); LoadedRun run = LoadedRun.open(new RunDirectory(RUN), m)) {
            assertEquals(10, run.classes());
            ConditionalSampling sampling = new ConditionalSampling(run.network(),
                    run.config().prediction(), 1.0, null, 0, true);
            ImageSet images = sampling.sample(labels, 0, new DdimSampler(0), TimeGrid.of(run.schedule(), 20, Spacing.UNIFORM),
                    new NoiseSource(7), labels.length);
            int[] predicted = FidFmnist.shippedClassifier(m).predict(images);
            int right = 0;
            int shifted = 0;
            for (int i = 0; i < labels.length; i++) {
                right += predicted[i] == labels[i] ? 1 : 0;
                shifted += predicted[i] == (labels[i] + 1) % 10 ? 1 : 0;
            }
            double accuracy = right / (double) labels.length;
            // The demo model measured 86.8 % at DDIM-25 on n = 1000. At n = 60 the binomial s.d. near p = 0.85 is
            // √(0.85·0.15/60) ≈ 0.046, so 0.6 sits more than five s.d. below; a model that ignored its labels
            // would score near chance (0.1), as the labels shifted by one class do here.
            assertTrue(accuracy >= 0.6, "conditional accuracy " + accuracy);
            assertTrue(shifted / (double) labels.length <= 0.25, "shifted-label agreement " + shifted);
        }
    }
}
