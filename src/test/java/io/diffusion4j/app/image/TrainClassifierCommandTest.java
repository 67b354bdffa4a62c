package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.cli.TrainClassifierCommand;
import io.diffusion4j.data.image.Png;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainClassifierCommandTest {

    /** A noisy classifier trained on a two-class image folder is written with its spec and loads back as such. */
    @Test
    void trainsANoisyClassifierOnAFolderAndWritesItsSpec(@TempDir Path tmp) throws Exception {
        float[] px = new float[12 * 8 * 8];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 64; j++) {
                px[i * 64 + j] = (i % 2 == 0) == (j < 32) ? 0.8f : -0.8f; // class 0: top half bright; class 1: bottom
            }
        }
        ImageSet set = new ImageSet(12, 1, 8, 8, px, null, List.of());
        for (int i = 0; i < 12; i++) {
            Path dir = tmp.resolve("data").resolve(i % 2 == 0 ? "top" : "bottom");
            Files.createDirectories(dir);
            Png.write(dir.resolve(i + ".png"), set, i, 1);
        }
        Path out = tmp.resolve("c.safetensors");
        TrainClassifierCommand.run(tmp.resolve("data").toString(), 0, true, 3, 4, 1e-3, 1, out);
        try (NDManager m = Engines.newManager()) {
            NetworkClassifier c = NetworkClassifier.load(m, out);
            ClassifierSpec spec = (ClassifierSpec) c.network().spec();
            assertTrue(spec.timeConditioned());
            assertEquals(2, spec.classes());
            assertEquals(8, spec.height());
        }
        assertThrows(IllegalArgumentException.class,
                () -> TrainClassifierCommand.run(tmp.resolve("data").toString(), 0, false, 0, 4, 1e-3, 1, out));
    }
}
