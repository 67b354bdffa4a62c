package io.diffusion4j.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.diffusion4j.app.channel.ChannelFidelity;
import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.app.channel.ToyReport;
import io.diffusion4j.app.image.DdimTable;
import io.diffusion4j.app.image.FidFmnist;
import io.diffusion4j.app.restore.RestoreEval;
import io.diffusion4j.data.Points;
import io.diffusion4j.likelihood.BoundEstimate;
import io.diffusion4j.metrics.SampleReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON keys of every result record, in order, are the ones the CLI printed and the stored result files hold
 * (models/, bench/): the lists below are those of the hand-built maps the records replaced.
 */
class ReportJsonTest {

    private static JsonObject json(Object report) {
        return JsonParser.parseString(Reports.toJson(report)).getAsJsonObject();
    }

    private static List<String> keys(JsonElement o) {
        return new ArrayList<>(o.getAsJsonObject().keySet());
    }

    @Test
    void sampleReport() {
        JsonObject o = json(new SampleReport(100, 0.1, 0.05, 1e-3, 5e-4, 0.01, 0.02));
        assertEquals(List.of("n", "swd", "swd_floor", "mmd", "mmd_floor", "mean_err", "cov_err"), keys(o));
        assertEquals(0.05, o.get("swd_floor").getAsDouble());
        assertEquals(100, o.get("n").getAsInt());
    }

    @Test
    void boundEstimateLeavesTheDimensionCountOut() {
        JsonObject o = json(new BoundEstimate(3.2, 0.01, "elbo", "all-t", "discretized-gaussian", 64, 784));
        assertEquals(List.of("bpd", "stderr", "method", "estimator", "decoder", "n"), keys(o));
        assertEquals("elbo", o.get("method").getAsString());
    }

    @Test
    void channelFidelity() {
        JsonObject o = json(new ChannelFidelity(0.03, 0.025, 0.2, 0.27));
        assertEquals(List.of("swd", "swd_floor", "residual_power_model", "residual_power_true"), keys(o));
    }

    @Test
    void toyReportSummary() {
        Points p = new Points(1, 2, new float[] {0, 0});
        ToyReport r = new ToyReport("ddim", 0.5, new double[] {0.001, -0.002}, new double[] {0.5, 0.51},
                new ErrorCount(10, 1000), 0.011, 0.02, 0.018, p, p);
        JsonObject o = json(r.summary());
        assertEquals(List.of("sampler", "sigma", "residual_mean", "residual_std", "ser", "ser_ci95", "ser_analytic",
                "swd", "swd_floor", "pass_mean", "pass_std", "pass_ser", "pass"), keys(o));
        assertEquals(0.01, o.get("ser").getAsDouble(), 1e-12);
        assertEquals(2, o.getAsJsonArray("ser_ci95").size());
        assertEquals(r.pass(), o.get("pass").getAsBoolean());
    }

    @Test
    void fidReport() {
        JsonObject o = json(new FidFmnist.Report(1000, 0.5, 0.3, 1000, 40, 300));
        assertEquals(List.of("n", "fid_fmnist", "fid_floor", "fid_floor_n", "fid_gaussian", "fid_noise"), keys(o));
        assertEquals(0.3, o.get("fid_floor").getAsDouble());
    }

    @Test
    void ddimTableWithBootstrap() {
        List<DdimTable.Cell> cells = List.of(new DdimTable.Cell(10, "ddim η = 0.0", 0, 0.5, 0.05, 60),
                new DdimTable.Cell(10, "ddim η = 1.0", 1, 0.6, 0.06, 61));
        List<DdimTable.Contrast> contrasts = List.of(new DdimTable.Contrast(10, 1, 0, "ddim η = 1.0", "ddim η = 0.0", 0.1, 0.01));
        JsonObject o = json(DdimTable.Table.of(1000, 0, 100, cells, contrasts, new FidFmnist.Report(1000, 0.6, 0.3, 1000, 40, 300)));
        assertEquals(List.of("n", "guidance", "bootstrap_resamples", "cells", "paired_differences", "fid_floor",
                "fid_gaussian", "fid_noise"), keys(o));
        assertEquals(List.of("steps", "sampler", "eta", "fid_fmnist", "fid_fmnist_se", "seconds"),
                keys(o.getAsJsonArray("cells").get(0)));
        assertEquals(List.of("steps", "eta", "minus_eta", "column", "minus_column", "difference", "se"),
                keys(o.getAsJsonArray("paired_differences").get(0)));
        assertEquals(300, o.get("fid_noise").getAsDouble());
    }

    @Test
    void ddimTableWithoutBootstrapHasNoStandardErrors() {
        List<DdimTable.Cell> cells = List.of(new DdimTable.Cell(10, "ddim η = 0.0", 0, 0.5, null, 60));
        JsonObject o = json(DdimTable.Table.of(1000, 0, 0, cells, List.of(), new FidFmnist.Report(1000, 0.5, 0.3, 1000, 40, 300)));
        assertEquals(List.of("n", "guidance", "bootstrap_resamples", "cells", "fid_floor", "fid_gaussian", "fid_noise"),
                keys(o));
        assertEquals(List.of("steps", "sampler", "eta", "fid_fmnist", "seconds"), keys(o.getAsJsonArray("cells").get(0)));
    }

    @Test
    void restoreTable() {
        RestoreEval.Scores s = new RestoreEval.Scores(20, 0.8, 0.1, 0, Double.NaN);
        RestoreEval.Scores mean = new RestoreEval.Scores(22, 0.85, 0.09, 2, 0.1);
        List<RestoreEval.Row> rows = List.of(RestoreEval.Row.of("superres", "baseline: bicubic", 100, 0, 0, s, null, 0),
                RestoreEval.Row.of("superres", "dps", 100, 50, 4, s, mean, 12.5));
        RestoreEval.Options opt = new RestoreEval.Options(100, 50, 50, 1, 1, 0.05, 7);
        String text = Reports.toPrettyJson(RestoreEval.Table.of(opt, rows));
        JsonObject o = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(List.of("n", "sigma_y", "superres_factor", "seed", "draws", "denoise_sigma", "metrics", "rows"), keys(o));
        List<String> row = List.of("task", "method", "n", "steps", "draws", "psnr", "ssim", "feature_distance",
                "psnr_gain", "psnr_gain_se", "seconds");
        assertEquals(row, keys(o.getAsJsonArray("rows").get(0)));
        List<String> withMean = new ArrayList<>(row);
        withMean.add(withMean.size() - 1, "mean_of_draws");
        JsonObject second = o.getAsJsonArray("rows").get(1).getAsJsonObject();
        assertEquals(withMean, keys(second));
        assertEquals(List.of("psnr", "ssim", "feature_distance", "psnr_gain", "psnr_gain_se"), keys(second.get("mean_of_draws")));
        assertTrue(text.contains("\"psnr_gain_se\": NaN"), "NaN is written as it is");
        assertEquals(s, rows.get(0).sample());
    }
}
