package io.paydr.local.report;

import io.paydr.local.eventsource.IngestLag;
import io.paydr.local.eventsource.LagSample;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Draws both Regions' ingest lag over the drill as a PNG: one dot per loaded message (x = seconds since
 * the drill started, y = lag in seconds), a shaded band for the fault window and a line where the faulted
 * Region caught up, so an operator sees the outage, the backlog and the catch-up at a glance.
 */
public final class LagChart {

    private static final Color[] REGION_COLORS = {new Color(0x1f77b4), new Color(0xd62728)};
    private static final Color WINDOW_FILL = new Color(255, 165, 0, 60);
    private static final Color CAUGHT_UP = new Color(0x2ca02c);

    private final String title;
    private final Instant origin;
    private final List<IngestLag> regions;
    private TimeWindow faultWindow;
    private String faultLabel = "fault";
    private Instant caughtUpAt;

    public LagChart(String title, Instant origin, List<IngestLag> regions) {
        this.title = title;
        this.origin = origin;
        this.regions = List.copyOf(regions);
    }

    public LagChart faultWindow(TimeWindow window, String label) {
        this.faultWindow = window;
        this.faultLabel = label;
        return this;
    }

    public LagChart caughtUpAt(Instant t) {
        this.caughtUpAt = t;
        return this;
    }

    /** Writes the chart to {@code file} (a .png name) and returns the path written. */
    public Path writePng(Path file) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1200).height(600).title(title)
                .xAxisTitle("seconds since start").yAxisTitle("ingest lag (s) = commit - SentTimestamp").build();
        style(chart);
        double top = Math.max(1, maxLagSeconds() * 1.1);
        if (faultWindow != null) {
            addBand(chart, faultLabel, seconds(faultWindow.start()), seconds(faultWindow.end()), top);
        }
        for (int i = 0; i < regions.size(); i++) {
            addRegion(chart, regions.get(i), REGION_COLORS[i % REGION_COLORS.length]);
        }
        if (caughtUpAt != null) {
            addVerticalLine(chart, "caught up", seconds(caughtUpAt), top, CAUGHT_UP);
        }
        chart.getStyler().setYAxisMax(top);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String base = file.toString().endsWith(".png") ? file.toString().substring(0, file.toString().length() - 4)
                    : file.toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            return Path.of(base + ".png");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }

    private static void style(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe0e0e0));
        s.setMarkerSize(4);
        s.setXAxisMin(0.0);
        s.setYAxisMin(0.0);
        s.setXAxisDecimalPattern("0");
        s.setYAxisDecimalPattern("0.0");
    }

    private void addRegion(XYChart chart, IngestLag lag, Color color) {
        List<LagSample> samples = lag.samples();
        double[] x = samples.stream().mapToDouble(s -> seconds(s.committedAt())).toArray();
        double[] y = samples.stream().mapToDouble(s -> s.lagMillis() / 1000.0).toArray();
        String name = lag.regionId() + String.format(" (p50 %.1f s, p99 %.1f s, max %.1f s)",
                lag.percentileMillis(50) / 1000.0, lag.percentileMillis(99) / 1000.0, lag.maxMillis() / 1000.0);
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {0};
            name = lag.regionId() + " (no messages loaded)";
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
    }

    private static void addBand(XYChart chart, String label, double from, double to, double top) {
        XYSeries band = chart.addSeries(label, new double[] {from, from, to, to}, new double[] {0, top, top, 0});
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(WINDOW_FILL);
        band.setLineColor(new Color(255, 140, 0));
        band.setLineStyle(new BasicStroke(1.5f));
    }

    private static void addVerticalLine(XYChart chart, String label, double x, double top, Color color) {
        XYSeries line = chart.addSeries(label, new double[] {x, x}, new double[] {0, top});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(SeriesLines.DASH_DASH);
    }

    private double maxLagSeconds() {
        return regions.stream().mapToLong(IngestLag::maxMillis).max().orElse(0) / 1000.0;
    }

    private double seconds(Instant t) {
        return (t.toEpochMilli() - origin.toEpochMilli()) / 1000.0;
    }
}
