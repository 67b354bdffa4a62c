package io.diffusion4j.app.image;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DdimTableTest {

    /**
     * The table has one finite cell per (S, η), is reproducible (same seed, same numbers), and its deterministic
     * η = 0 cells start from the same x_T as the stochastic ones (common random numbers).
     */
    @Test
    void tableHasEveryCellAndIsReproducible() {
        FashionMnist.Source s = FashionMnist.bundled();
        ImageSet train = s.load(FashionMnist.Split.TRAIN).head(500);
        ImageSet test = s.load(FashionMnist.Split.TEST);
        UNetSpec spec = new UNetSpec(1, 28, 28, 8, new int[] {1, 2, 2}, 1, new int[] {2}, 4, 0, 10);
        Schedule schedule = Schedule.linear(1000, 1e-4, 0.02);
        try (NDManager m = Engines.newManager(); Network net = Network.create(spec, m, 1)) {
            FidFmnist fid = FidFmnist.load(m, train, test);
            ConditionalSampling sampling = new ConditionalSampling(net, Parametrization.EPS, 1.0, null, 0, true);
            DdimTable.Table a = DdimTable.evaluate(sampling, schedule, new int[] {2, 3}, new double[] {0, 1}, 20, 10, fid,
                    new NoiseSource(3), 0, c -> { });
            DdimTable.Table b = DdimTable.evaluate(sampling, schedule, new int[] {2}, new double[] {0}, 20, 10, fid,
                    new NoiseSource(3), 0, c -> { });
            assertEquals(4, a.cells().size());
            a.cells().forEach(c -> assertTrue(Double.isFinite(c.fid()) && c.fid() >= 0, c.toString()));
            assertEquals(a.cells().get(0).fid(), b.cells().get(0).fid(), 1e-9);
            assertTrue(a.markdown().contains("| 3 |"), a.markdown());
            // with bootstrap resamples: every cell has a positive standard error, every row one contrast per extra η,
            // and the numbers themselves are those of the table without them
            DdimTable.Table c = DdimTable.evaluate(sampling, schedule, new int[] {2, 3}, new double[] {0, 1}, 20, 10, fid,
                    new NoiseSource(3), 20, x -> { });
            for (int i = 0; i < 4; i++) {
                assertEquals(a.cells().get(i).fid(), c.cells().get(i).fid(), 1e-9);
                assertTrue(c.cells().get(i).se() > 0, c.cells().get(i).toString());
            }
            assertEquals(2, c.contrasts().size());
            DdimTable.Contrast d = c.contrasts().get(1);
            assertEquals(3, d.steps());
            assertEquals(c.cells().get(3).fid() - c.cells().get(2).fid(), d.difference(), 1e-12);
            assertTrue(d.se() > 0 && c.markdown().contains("±"), c.markdown());
            // another sampler as a column beside DDIM: same x_T and labels, its own cells and contrasts
            DdimTable.Table e = DdimTable.evaluate(sampling, schedule, new int[] {2, 3},
                    java.util.List.of(DdimTable.Column.ddim(0), new DdimTable.Column("dpmpp-2m", 0)), 20, 10, fid,
                    new NoiseSource(3), 20, x -> { });
            assertEquals(4, e.cells().size());
            assertEquals(a.cells().get(0).fid(), e.cells().get(0).fid(), 1e-9, "the DDIM column is unchanged");
            assertEquals("dpmpp-2m", e.cells().get(1).column());
            assertTrue(Double.isFinite(e.cells().get(1).fid()) && e.cells().get(1).fid() != e.cells().get(0).fid(), e.markdown());
            assertEquals("ddim η = 0.0", e.contrasts().get(0).baseColumn());
            assertTrue(e.markdown().contains("| S \\ sampler | ddim η = 0.0 | dpmpp-2m |"), e.markdown());
        }
    }
}
