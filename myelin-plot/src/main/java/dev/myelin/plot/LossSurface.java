package dev.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A loss as a function of two weights, as in the course figure "examples of the loss function with two
 * weights": a heat map (viridis, low = dark) with contour lines at {@link #LEVELS} equally spaced levels and
 * a color bar, optionally overlaid with a path of weights such as a gradient-descent trajectory.
 */
public final class LossSurface implements Painting {

    static {
        Headless.ensure();
    }

    /** Grid cells per axis unless told otherwise. */
    public static final int DEFAULT_RESOLUTION = 200;
    /** Number of color bands; contour lines are drawn where the band changes. */
    static final int LEVELS = 12;

    static final Color PATH_COLOR = new Color(0xd62728);
    static final Color UNDEFINED_COLOR = new Color(0xbbbbbb);
    private static final int CHART_WIDTH = 580;
    private static final int COLOR_BAR_WIDTH = 90;
    private static final int HEIGHT = 540;

    private final RasterUnderChart picture;
    private final double minLoss;
    private final double maxLoss;

    /**
     * Evaluates {@code loss} on the grid and lays out the heat map, its contour lines, a color bar and the path.
     *
     * @param loss the loss at weights (w1, w2)
     * @param w1Min left end of the w1 axis
     * @param w1Max right end of the w1 axis
     * @param w2Min bottom end of the w2 axis
     * @param w2Max top end of the w2 axis
     * @param path weights visited in order, one {@code {w1, w2}} per row, or null for none
     * @param resolution grid cells per axis (the loss is evaluated resolution² times)
     * @throws IllegalArgumentException if a range is not finite with min &lt; max, the resolution is not positive,
     *     the loss is not finite anywhere on the grid, or a path entry is not a pair
     */
    public LossSurface(
            DoubleBinaryOperator loss,
            double w1Min,
            double w1Max,
            double w2Min,
            double w2Max,
            double[][] path,
            int resolution) {
        Checks.notNull(loss, "loss");
        Checks.finiteRange(w1Min, w1Max, "w1 range");
        Checks.finiteRange(w2Min, w2Max, "w2 range");
        Checks.positive(resolution, "resolution");
        int res = resolution;
        double[] values = new double[res * res];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double d1 = (w1Max - w1Min) / res;
        double d2 = (w2Max - w2Min) / res;
        for (int row = 0; row < res; row++) {
            double w2 = w2Max - (row + 0.5) * d2; // row 0 is the top edge
            for (int col = 0; col < res; col++) {
                double v = loss.applyAsDouble(w1Min + (col + 0.5) * d1, w2);
                values[row * res + col] = v;
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            throw new IllegalArgumentException("loss is not finite anywhere on w1 in [" + w1Min + ", " + w1Max
                    + "], w2 in [" + w2Min + ", " + w2Max + "]; choose ranges where it is defined");
        }
        minLoss = lo;
        maxLoss = hi;
        BufferedImage raster = contourRaster(values, res, lo, hi);

        XYChart chart = new XYChart(CHART_WIDTH, HEIGHT);
        chart.setTitle("Loss surface");
        chart.setXAxisTitle("w1");
        chart.setYAxisTitle("w2");
        XYStyler s = chart.getStyler();
        ChartStyle.apply(s);
        if (path != null && path.length > 0) {
            double[] p1 = new double[path.length];
            double[] p2 = new double[path.length];
            for (int i = 0; i < path.length; i++) {
                if (path[i] == null || path[i].length != 2) {
                    throw new IllegalArgumentException("path[" + i + "] must be a weight pair {w1, w2}, got "
                            + (path[i] == null ? "null" : path[i].length + " values"));
                }
                p1[i] = path[i][0];
                p2[i] = path[i][1];
            }
            XYSeries trajectory = chart.addSeries("path (" + path.length + " steps)", p1, p2);
            trajectory.setLineColor(PATH_COLOR);
            trajectory.setLineStyle(new BasicStroke(2f));
            trajectory.setMarker(SeriesMarkers.CIRCLE);
            trajectory.setMarkerColor(PATH_COLOR);
            s.setMarkerSize(5);
        } else {
            s.setLegendVisible(false);
        }
        picture = new RasterUnderChart(chart, raster, w1Min, w1Max, w2Min, w2Max);
    }

    /** Viridis by value, darkened on band boundaries so equal-loss lines show; grey where undefined. */
    static BufferedImage contourRaster(double[] values, int res, double lo, double hi) {
        double span = hi > lo ? hi - lo : 1;
        int[] band = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            band[i] = Double.isFinite(values[i]) ? Math.min(LEVELS - 1, (int) ((values[i] - lo) / span * LEVELS)) : -1;
        }
        BufferedImage image = new BufferedImage(res, res, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < res; row++) {
            for (int col = 0; col < res; col++) {
                int i = row * res + col;
                if (band[i] < 0) {
                    image.setRGB(col, row, UNDEFINED_COLOR.getRGB());
                    continue;
                }
                Color c = Palette.viridis((values[i] - lo) / span);
                boolean edge = (col + 1 < res && band[i + 1] >= 0 && band[i + 1] != band[i])
                        || (row + 1 < res && band[i + res] >= 0 && band[i + res] != band[i]);
                image.setRGB(col, row, (edge ? Palette.mix(c, Color.BLACK, 0.45) : c).getRGB());
            }
        }
        return image;
    }

    /** {@return the smallest finite loss on the grid} */
    public double minLoss() {
        return minLoss;
    }

    /** {@return the largest finite loss on the grid} */
    public double maxLoss() {
        return maxLoss;
    }

    /** The plot area (data range) in image coordinates, as laid out by XChart. */
    Rectangle plotArea() {
        return picture.plotArea(CHART_WIDTH, HEIGHT);
    }

    @Override
    public int width() {
        return CHART_WIDTH + COLOR_BAR_WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public void paint(Graphics2D g) {
        Rectangle plot = picture.paint(g, CHART_WIDTH, HEIGHT);
        paintColorBar(g, new Rectangle(CHART_WIDTH + 4, plot.y, 18, plot.height));
    }

    /** Fixed decimals enough to tell ticks a quarter of the range apart: "%.1f" for a range of 47.6. */
    static String tickFormat(double range) {
        if (!(range > 0)) {
            return "%.3g";
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(range)));
        return decimals > 6 ? "%.3g" : "%." + decimals + "f";
    }

    private void paintColorBar(Graphics2D g, Rectangle bar) {
        for (int y = 0; y < bar.height; y++) {
            double t = 1.0 - (y + 0.5) / bar.height;
            g.setColor(Palette.viridis(t));
            g.fillRect(bar.x, bar.y + y, bar.width, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(bar.x, bar.y, bar.width, bar.height);
        g.setFont(ChartStyle.TEXT_FONT.deriveFont(Font.PLAIN, 11f));
        FontMetrics fm = g.getFontMetrics();
        int ticks = 5;
        String tickFormat = tickFormat(maxLoss - minLoss);
        for (int i = 0; i < ticks; i++) {
            double t = i / (double) (ticks - 1);
            int y = (int) Math.round(bar.y + bar.height * (1 - t));
            g.drawLine(bar.x + bar.width, y, bar.x + bar.width + 4, y);
            String label = String.format(Locale.ROOT, tickFormat, minLoss + t * (maxLoss - minLoss));
            g.drawString(label, bar.x + bar.width + 7, y + fm.getAscent() / 2 - 1);
        }
        String title = "loss";
        g.drawString(title, bar.x, bar.y - 6);
    }
}
