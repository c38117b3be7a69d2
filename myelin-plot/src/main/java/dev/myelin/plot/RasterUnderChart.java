package dev.myelin.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.XYStyler;

/**
 * An XY chart drawn over a raster image that fills its plot area exactly: how decision regions and loss
 * surfaces get under scatter points and paths, which XChart cannot draw itself. The chart's axes are
 * fixed to the raster's data range, and its backgrounds are made transparent so the raster shows through.
 */
final class RasterUnderChart {

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private final XYChart chart;
    private final BufferedImage raster;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /**
     * @param raster row 0 is the top edge ({@code yMax}), column 0 the left edge ({@code xMin})
     */
    RasterUnderChart(XYChart chart, BufferedImage raster, double xMin, double xMax, double yMin, double yMax) {
        this.chart = chart;
        this.raster = raster;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        XYStyler s = chart.getStyler();
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
        s.setPlotContentSize(1.0); // data range = plot area, so the raster lines up with the axes
        s.setPlotGridLinesVisible(false);
        s.setChartBackgroundColor(TRANSPARENT);
        s.setPlotBackgroundColor(TRANSPARENT);
    }

    /**
     * Where the plot area lands when the chart is painted at the given size: XChart computes its layout
     * while painting, so this paints once on a scratch image.
     */
    Rectangle plotArea(int width, int height) {
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.paint(g, width, height);
        } finally {
            g.dispose();
        }
        int left = (int) Math.round(chart.getScreenXFromChart(xMin));
        int right = (int) Math.round(chart.getScreenXFromChart(xMax));
        int top = (int) Math.round(chart.getScreenYFromChart(yMax));
        int bottom = (int) Math.round(chart.getScreenYFromChart(yMin));
        return new Rectangle(left, top, right - left, bottom - top);
    }

    /** Paints raster then chart into {@code (0, 0, width, height)}; returns the plot area used. */
    Rectangle paint(Graphics2D g, int width, int height) {
        Rectangle area = plotArea(width, height);
        Graphics2D child = (Graphics2D) g.create();
        try {
            // Nearest neighbour: class regions keep crisp edges instead of blurred seams.
            child.setRenderingHint(
                    RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            child.drawImage(raster, area.x, area.y, area.width, area.height, null);
        } finally {
            child.dispose();
        }
        chart.paint(g, width, height);
        return area;
    }
}
