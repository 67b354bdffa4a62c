package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.objective.LossWeighting;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodicGridTest {

    /** Training with the listener writes a grid at every interval and at the last step, one row per class. */
    @Test
    void writesAGridEveryNStepsAndAtTheEnd(@TempDir Path tmp) throws Exception {
        ImageSet train = FashionMnist.bundled().load(FashionMnist.Split.TEST).head(40);
        UNetSpec spec = new UNetSpec(1, 28, 28, 8, new int[] {1, 2, 2}, 1, new int[] {2}, 4, 0, 10);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 1);
             Network scratch = Network.create(spec, m, 2);
             Trainer trainer = new Trainer(net, ImageTraining.loss(schedule, Parametrization.EPS, LossWeighting.NONE, spec),
                     ImageTraining.batches(train, spec), TrainConfig.defaults(3, 4, 0))) {
            PeriodicGrid grids = new PeriodicGrid(trainer, scratch, Parametrization.EPS, schedule, tmp, 2, 3, 1.0);
            while (!trainer.done()) {
                grids.onStep(trainer.trainStep());
            }
        }
        assertTrue(Files.exists(tmp.resolve("grid-000002.png")));
        assertFalse(Files.exists(tmp.resolve("grid-000001.png")));
        BufferedImage last = ImageIO.read(tmp.resolve("grid-000003.png").toFile());
        assertEquals(10 * 56 + 11 * 2, last.getHeight()); // 10 class rows of 28×28 images at scale 2, 2-pixel gutters
        assertEquals(3 * 56 + 4 * 2, last.getWidth());
    }
}
