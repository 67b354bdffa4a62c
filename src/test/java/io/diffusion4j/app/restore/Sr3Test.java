package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageBatches;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.inverse.DownSample;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.data.Batch;
import io.diffusion4j.schedule.NoiseLevel;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SR3 pieces: the image-conditioned U-Net, the training pairs, save/load, and the factor check. */
class Sr3Test {
    private static final UNetSpec SPEC = new UNetSpec(1, 28, 28, 8, new int[] {1, 2}, 1, new int[0], 4, 0, 0, 1, 1);

    @Test
    void conditionIsConcatenatedAndChangesTheOutput() {
        try (NDManager m = Engines.newManager(); Network net = Network.create(SPEC, m, 3)) {
            NDArray x = new NoiseSource(1).normal(m, SPEC.sampleShape(2));
            NDArray t = m.create(new float[] {10, 900});
            NDArray c = new NoiseSource(2).normal(m, SPEC.sampleShape(2));
            NDArray out = net.forward(x, t, c, false);
            assertEquals(x.getShape(), out.getShape());
            assertNotEquals(0f, out.sub(net.forward(x, t, c.mul(0), false)).abs().max().getFloat(), "condition is wired in");
            assertThrows(IllegalArgumentException.class, () -> net.forward(x, t, null, false));
            assertThrows(IllegalArgumentException.class, () -> net.forward(x, t, c.get("..., :14, :14"), false));
        }
    }

    @Test
    void specWithoutConditionChannelsReadsAsUnconditioned() {
        Gson gson = new Gson();
        UNetSpec plain = UNetSpec.of(1, 28, 28, 16, 10);
        String json = gson.toJson(plain).replace(",\"condChannels\":0", "");
        assertTrue(!json.contains("condChannels"), json);
        assertEquals(0, gson.fromJson(json, UNetSpec.class).condChannels(), "older config.json files stay valid");
        assertEquals(1, gson.fromJson(gson.toJson(SPEC), UNetSpec.class).condChannels());
        assertThrows(IllegalArgumentException.class, () -> plain.withCondChannels(1), "labels and an image condition");
    }

    @Test
    void pairsConditionOnTheBicubicUpSampledPooledImage() {
        ImageSet images = FashionMnist.bundled().load(FashionMnist.Split.TEST).head(8);
        DownSample op = new DownSample(4, DownSample.Upsampling.BICUBIC);
        try (NDManager m = Engines.newManager()) {
            Batch b = Sr3.pairs(new ImageBatches(images, false), op).next(m, 4, new NoiseSource(5));
            assertEquals(b.x0().getShape(), b.condition().getShape());
            NDArray expected = op.upsample(op.apply(b.x0()));
            assertEquals(0f, b.condition().sub(expected).abs().max().getFloat(), 1e-6f);
        }
    }

    @Test
    void savedModelLoadsWithTheSameOutputAndRefusesOtherFactors(@TempDir Path dir) throws Exception {
        ImageSet images = FashionMnist.bundled().load(FashionMnist.Split.TRAIN).head(16);
        TrainConfig config = TrainConfig.defaults(2, 4, 0);
        try (NDManager m = Engines.newManager(); Sr3 sr3 = Sr3.train(images, SPEC, 4, config, m, TrainListener.NONE)) {
            sr3.save(dir, Map.of("command", "test"));
            try (Sr3 loaded = Sr3.load(dir, m)) {
                assertEquals(4, loaded.factor());
                NDArray y = new NoiseSource(3).normal(m, new ai.djl.ndarray.types.Shape(2, 1, 7, 7));
                NDArray x = new NoiseSource(4).normal(m, SPEC.sampleShape(2));
                NoiseLevel level = Sr3.SCHEDULE.level(500);
                NDArray a = sr3.denoiser(y).predict(x, level).x0();
                NDArray b = loaded.denoiser(y).predict(x, level).x0();
                assertEquals(0f, a.sub(b).abs().max().getFloat());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loaded.requireFactor(2));
                assertTrue(e.getMessage().contains("trained for ×4"), e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Sr3.load(dir.resolve("nothing"), null));
    }
}
