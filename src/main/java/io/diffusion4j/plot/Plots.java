package io.diffusion4j.plot;

import io.diffusion4j.data.Points;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG plots through XChart: point clouds over data, and line charts (loss curves, schedules, error vs NFE). */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** A named series of (x, y) values for {@link #lines}. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** Samples (orange) drawn over data (blue), first two dimensions, at most 5,000 points each. */
    public static void scatter(Path file, String title, Points data, Points samples) throws IOException {
        XYChart chart = new XYChartBuilder().width(700).height(700).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        addCloud(chart, "data", data, new Color(31, 119, 180, 90));
        if (samples != null) {
            addCloud(chart, "samples", samples, new Color(255, 127, 14, 140));
        }
        save(chart, file);
    }

    private static void addCloud(XYChart chart, String name, Points p, Color color) {
        int n = Math.min(p.n(), 5000);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = p.get(i, 0);
            y[i] = p.d() > 1 ? p.get(i, 1) : 0;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    /** Line chart of several series; log-scale y when {@code logY}. */
    public static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series, boolean logY, boolean logX)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (Series s : series) {
            XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
            xs.setMarker(s.x().length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        save(chart, file);
    }

    private static void save(XYChart chart, Path file) throws IOException {
        io.diffusion4j.io.AtomicFiles.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
