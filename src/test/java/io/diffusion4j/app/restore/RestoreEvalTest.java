package io.diffusion4j.app.restore;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.app.image.FidFmnist;
import io.diffusion4j.cli.Main;
import io.diffusion4j.data.image.FashionMnist;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.Reports;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkDenoiser;
import io.diffusion4j.model.UNetSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.train.TrainConfig;
import io.diffusion4j.train.TrainListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restoration table's plumbing with untrained networks (its numbers come from bench runs, not tests). */
class RestoreEvalTest {

    @Test
    void tableHasABaselineAndEveryMethodPerTask() {
        ImageSet test = FashionMnist.bundled().load(FashionMnist.Split.TEST);
        UNetSpec prior = new UNetSpec(1, 28, 28, 8, new int[] {1, 2}, 1, new int[0], 4, 0, 0);
        RestoreEval.Options o = new RestoreEval.Options(2, 2, 2, 1, 1, 0.05, 0, null, 4, 2, 0.2, null);
        try (NDManager m = Engines.newManager(); Network net = Network.create(prior, m, 1);
             Sr3 sr3 = Sr3.train(test.head(4), prior.withCondChannels(1), 4, TrainConfig.defaults(1, 2, 0), m,
                     TrainListener.NONE)) {
            List<RestoreEval.Row> logged = new ArrayList<>();
            List<RestoreEval.Row> rows = RestoreEval.run(new NetworkDenoiser(net, Parametrization.EPS),
                    io.diffusion4j.schedule.Schedule.linear(1000, 1e-4, 0.02), sr3, test,
                    FidFmnist.shippedClassifier(m), o, m, logged::add);
            assertEquals(rows, logged);
            List<String> names = rows.stream().map(r -> r.task() + "/" + r.method().split(" ")[0]).toList();
            assertEquals(List.of("inpaint/baseline:", "inpaint/replace", "inpaint/repaint", "inpaint/dps",
                    "superres/baseline:", "superres/ilvr", "superres/replace", "superres/dps", "superres/sr3",
                    "deblur/baseline:", "deblur/dps", "denoise/baseline:", "denoise/dps"), names);
            for (RestoreEval.Row r : rows) {
                assertEquals(2, r.n());
                assertTrue(Double.isFinite(r.psnr()) && r.ssim() <= 1 && r.featureDistance() >= 0, r.toString());
                boolean baseline = r.method().startsWith("baseline");
                // a baseline gains nothing over itself; each method row carries the mean of its K = 2 draws
                assertEquals(baseline ? 0 : 2, r.draws(), r.toString());
                assertTrue(baseline ? r.mean() == null && r.sample().psnrGain() == 0 && r.sample().psnrGainSe() == 0
                        : Double.isFinite(r.mean().psnr()) && Double.isFinite(r.mean().psnrGainSe()), r.toString());
                assertEquals(r.psnr() - rows.stream().filter(b -> b.task().equals(r.task())).findFirst().orElseThrow().psnr(),
                        r.sample().psnrGain(), 1e-9, "the gain is paired against the task's baseline");
            }
            // the denoising baseline is the noisy input: σ = 0.2 on a range of 2 gives PSNR ≈ 20·log10(2/0.2) = 20 dB
            // (clipping to [−1, 1] removes some noise at saturated pixels, so a little above)
            RestoreEval.Row noisy = rows.get(11);
            assertTrue(noisy.psnr() > 19.5 && noisy.psnr() < 23, noisy.toString());
            // the baseline of ×4 super-resolution is close to the truth, in every metric, compared with an untrained net
            RestoreEval.Row bicubic = rows.get(4);
            RestoreEval.Row untrained = rows.get(5);
            assertTrue(bicubic.psnr() > untrained.psnr() && bicubic.featureDistance() < untrained.featureDistance(),
                    bicubic + " vs " + untrained);
            assertEquals(rows.size(), Reports.toJsonTree(RestoreEval.Table.of(o, rows)).getAsJsonObject().getAsJsonArray("rows").size());
        }
    }

    @Test
    void tasksFollowTheOptions() {
        assertEquals(List.of(Task.INPAINT, Task.SUPERRES, Task.DEBLUR), new RestoreEval.Options(2, 2, 2, 1, 1, 0.05, 0).tasks());
        assertEquals(List.of(Task.INPAINT, Task.SUPERRES, Task.DEBLUR, Task.DENOISE),
                new RestoreEval.Options(2, 2, 2, 1, 1, 0.05, 0, null, 4, 1, 0.2, null).tasks());
        assertEquals(List.of(Task.SUPERRES, Task.DENOISE), new RestoreEval.Options(2, 2, 2, 1, 1, 0.05, 0, null, 4, 1, 0.2,
                java.util.Set.of(Task.DENOISE, Task.SUPERRES)).tasks(), "table order, whatever the order given");
    }

    @Test
    void evalMetricRestoreErrorsAreOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, Main.execute("eval", "--metric", "restore"));
            assertEquals(2, Main.execute("eval", "--metric", "restore", "--run", "/nonexistent", "--bogus", "1"));
            assertEquals(2, Main.execute("eval", "--metric", "restore", "--run", "/nonexistent", "--steps", "0"));
            assertEquals(2, Main.execute("eval", "--metric", "restore", "--run", "/nonexistent", "--draws", "0"));
            assertEquals(2, Main.execute("eval", "--metric", "restore", "--run", "/nonexistent", "--denoise-sigma", "-1"));
            assertEquals(2, Main.execute("eval", "--metric", "restore", "--run", "/nonexistent", "--tasks", "denoise"));
            assertEquals(2, Main.execute("eval", "--samples", "x.npy", "--data", "moons", "--bogus-option", "3"));
        } finally {
            System.setErr(old);
        }
        List<String> lines = err.toString().lines().toList();
        assertEquals(7, lines.size(), err.toString());
        assertTrue(lines.get(0).contains("needs --run"), lines.get(0));
        assertTrue(lines.get(1).contains("--bogus"), lines.get(1));
        assertTrue(lines.get(2).contains("must be >= 1"), lines.get(2));
        assertTrue(lines.get(3).contains("--draws must be >= 1"), lines.get(3));
        assertTrue(lines.get(4).contains("--denoise-sigma must be"), lines.get(4));
        assertTrue(lines.get(5).contains("--denoise-sigma > 0"), lines.get(5));
        assertTrue(lines.get(6).contains("unknown option --bogus-option"), lines.get(6));
    }
}
