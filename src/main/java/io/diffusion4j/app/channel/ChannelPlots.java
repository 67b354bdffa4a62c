package io.diffusion4j.app.channel;

import io.diffusion4j.data.Points;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The PNG figures of the application (XChart): constellations, |y| histogram and CDF, error-rate curves. */
public final class ChannelPlots {
    private static final Color TRUE = new Color(0x1f, 0x77, 0xb4, 120);
    private static final Color GENERATED = new Color(0xd6, 0x27, 0x28, 120);

    private ChannelPlots() {
    }

    /** Scatter of generated over true channel outputs (first two dimensions). */
    public static void constellation(Path file, Points generated, Points truth, String title) throws IOException {
        constellation(file, generated, truth, title, "diffusion model");
    }

    /** Scatter of generated (labelled {@code model}) over true channel outputs (first two dimensions). */
    public static void constellation(Path file, Points generated, Points truth, String title, String model) throws IOException {
        XYChart c = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle("y₁ (I)").yAxisTitle("y₂ (Q)").build();
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(2);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setYAxisDecimalPattern("0.0");
        scatter(c, "true channel", truth.slice(0, Math.min(truth.n(), 8000)), TRUE);
        scatter(c, model, generated.slice(0, Math.min(generated.n(), 8000)), GENERATED);
        save(file, List.of(c), 1, 1);
    }

    /**
     * Generated and true outputs for one fixed input {@code x} (one row), {@code draws} of each, first I/Q pair: where a
     * collapsed model's cloud is narrower than the channel's.
     */
    public static void fixedInput(Path file, Channel model, Channel truth, Points x, int draws, String label,
                                  ai.djl.ndarray.NDManager manager, io.diffusion4j.noise.NoiseSource noise) throws IOException {
        try (ai.djl.ndarray.NDManager sm = manager.newSubManager()) {
            ai.djl.ndarray.NDArray xs = ModeCoverage.repeat(x.slice(0, 1), draws).toNDArray(sm);
            Points gen = Points.of(model.transmit(xs, noise.fork(1)).stopGradient());
            Points tru = Points.of(truth.transmit(xs, noise.fork(2)));
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < Math.min(x.d(), 8); j++) {
                row.append(j == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f", x.get(0, j)));
            }
            constellation(file, gen, tru, "outputs for x = (" + row + (x.d() > 8 ? ", …" : "") + ")", label);
        }
    }

    private static void scatter(XYChart c, String name, Points p, Color color) {
        double[] x = new double[p.n()];
        double[] y = new double[p.n()];
        for (int i = 0; i < p.n(); i++) {
            x[i] = p.get(i, 0);
            y[i] = p.d() > 1 ? p.get(i, 1) : 0;
        }
        XYSeries s = c.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    /** Histogram (density) and empirical CDF of |y| for generated and true outputs, side by side. */
    public static void amplitude(Path file, double[] generated, double[] truth, int bins) throws IOException {
        double hi = Math.max(Arrays.stream(generated).max().orElse(1), Arrays.stream(truth).max().orElse(1));
        XYChart h = new XYChartBuilder().width(600).height(450).title("|y| histogram").xAxisTitle("|y|").yAxisTitle("density").build();
        h.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        h.getStyler().setXAxisDecimalPattern("0.0");
        h.getStyler().setYAxisDecimalPattern("0.00");
        XYChart f = new XYChartBuilder().width(600).height(450).title("|y| empirical CDF").xAxisTitle("|y|").yAxisTitle("F(|y|)").build();
        f.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.getStyler().setXAxisDecimalPattern("0.0");
        f.getStyler().setYAxisDecimalPattern("0.0");
        f.getStyler().setYAxisMin(0.0);
        f.getStyler().setYAxisMax(1.0);
        for (var e : Map.of("true channel", truth, "diffusion model", generated).entrySet()) {
            Color color = e.getKey().startsWith("true") ? TRUE : GENERATED;
            double[][] hist = histogram(e.getValue(), bins, hi);
            h.addSeries(e.getKey(), hist[0], hist[1]).setMarker(SeriesMarkers.NONE).setLineColor(color);
            double[][] cdf = cdf(e.getValue(), 400);
            f.addSeries(e.getKey(), cdf[0], cdf[1]).setMarker(SeriesMarkers.NONE).setLineColor(color);
        }
        save(file, List.of(h, f), 1, 2);
    }

    static double[][] histogram(double[] v, int bins, double hi) {
        double[] x = new double[bins];
        double[] d = new double[bins];
        double w = hi / bins;
        for (double a : v) {
            d[Math.min(bins - 1, (int) (a / w))] += 1.0 / (v.length * w);
        }
        for (int i = 0; i < bins; i++) {
            x[i] = i * w;
        }
        return new double[][] {x, d};
    }

    static double[][] cdf(double[] v, int points) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = Math.min(points, s.length);
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0; i < k; i++) {
            int j = (int) ((long) i * (s.length - 1) / Math.max(1, k - 1));
            x[i] = s[j];
            y[i] = (j + 1.0) / s.length;
        }
        return new double[][] {x, y};
    }

    /** Error rate against Eb/N0 on a log axis: measured curves as markers, analytic curves as lines. */
    public static void errorRates(Path file, String title, Map<String, List<ErrorRateSimulation.Point>> measured,
                                  Map<String, double[][]> analytic) throws IOException {
        XYChart c = new XYChartBuilder().width(800).height(600).title(title).xAxisTitle("Eb/N0 (dB)").yAxisTitle("block error rate").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setXAxisDecimalPattern("0.0");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSW);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        for (var e : analytic.entrySet()) {
            c.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]).setMarker(SeriesMarkers.NONE);
        }
        for (var e : measured.entrySet()) {
            List<ErrorRateSimulation.Point> pts = e.getValue().stream().filter(p -> p.count().errors() > 0).toList();
            if (pts.isEmpty()) {
                continue;
            }
            double[] x = pts.stream().mapToDouble(ErrorRateSimulation.Point::ebN0Db).toArray();
            double[] y = pts.stream().mapToDouble(p -> p.count().rate()).toArray();
            // error bars: the 95 % Wilson interval's half-width (nearly symmetric at the >= 1000 errors a curve point has)
            double[] err = pts.stream().mapToDouble(p -> (p.count().upper() - p.count().lower()) / 2).toArray();
            c.addSeries(e.getKey(), x, y, err).setMarker(SeriesMarkers.CIRCLE);
        }
        save(file, List.of(c), 1, 1);
    }

    private static void save(Path file, List<XYChart> charts, int rows, int cols) throws IOException {
        Path png = file.toString().endsWith(".png") ? file : file.resolveSibling(file.getFileName() + ".png");
        io.diffusion4j.io.AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
