package dev.myelin.plot;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points in the plane, one color per series (tab10 order), on fixed or automatic axes: e.g. a GAN's real and
 * generated samples, or node embeddings coloured by class. Fixed axes keep a series of pictures (one per epoch)
 * comparable.
 */
public final class ScatterChart implements Painting {

    static {
        Headless.ensure();
    }

    static final int SIZE = 560;
    private static final int LEGEND = 40;

    /**
     * One series: a name for the legend and the points' coordinates.
     *
     * @param name the legend entry
     * @param x the points' x coordinates
     * @param y the points' y coordinates, one per x
     */
    public record Series(String name, double[] x, double[] y) {
        /**
         * Checks the components.
         *
         * @throws IllegalArgumentException if the name or x is null, or y's length differs from x's
         */
        public Series {
            Checks.notNull(name, "name");
            Checks.notNull(x, "x");
            Checks.sameLength(y, "y of series '" + name + "'", x.length, "x");
        }

        /**
         * A series from {@code n x 2} points, e.g. a [N, 2] tensor's rows.
         *
         * @param name the legend entry
         * @param xy one {@code {x, y}} pair per point
         * @return the series
         * @throws IllegalArgumentException if {@code xy} is null or a point does not have 2 coordinates
         */
        public static Series of(String name, float[][] xy) {
            Checks.notNull(xy, "points of series '" + name + "'");
            double[] x = new double[xy.length], y = new double[xy.length];
            for (int i = 0; i < xy.length; i++) {
                if (xy[i] == null || xy[i].length != 2) {
                    throw new IllegalArgumentException("point " + i + " of series '" + name
                            + "' must have 2 coordinates, has " + (xy[i] == null ? "none" : xy[i].length));
                }
                x[i] = xy[i][0];
                y[i] = xy[i][1];
            }
            return new Series(name, x, y);
        }
    }

    private final XYChart chart;

    /**
     * A scatter chart of the given series.
     *
     * @param title the chart title
     * @param series one or more series, drawn in order (later ones on top)
     * @param range the axes' half-width around the origin (both axes span [-range, range]), or 0 for automatic
     *              axes; points outside a fixed range are left out (a legend entry says how many)
     * @throws IllegalArgumentException if there is no series, a point is not finite, or the range is negative or
     *     infinite
     */
    public ScatterChart(String title, List<Series> series, double range) {
        Checks.notNull(series, "series");
        if (series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series");
        }
        if (!(range >= 0) || Double.isInfinite(range)) {
            throw new IllegalArgumentException("range must be finite and >= 0 (0 = automatic), got " + range);
        }
        chart = new XYChart(SIZE, SIZE + LEGEND);
        chart.setTitle(title == null ? "" : title);
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(4);
        if (range > 0) {
            chart.getStyler()
                    .setXAxisMin(-range)
                    .setXAxisMax(range)
                    .setYAxisMin(-range)
                    .setYAxisMax(range);
        }
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    throw new IllegalArgumentException("series '" + s.name() + "' point " + i + " is not finite: ("
                            + s.x()[i] + ", " + s.y()[i] + ")");
                }
            }
            double[] x = s.x(), y = s.y();
            String name = s.name();
            if (range > 0) {
                int kept = 0;
                double[] fx = new double[x.length], fy = new double[y.length];
                for (int i = 0; i < x.length; i++) {
                    if (Math.abs(x[i]) <= range && Math.abs(y[i]) <= range) {
                        fx[kept] = x[i];
                        fy[kept++] = y[i];
                    }
                }
                if (kept < x.length) {
                    name += " (" + (x.length - kept) + " outside)";
                }
                x = java.util.Arrays.copyOf(fx, kept);
                y = java.util.Arrays.copyOf(fy, kept);
            }
            if (x.length == 0) { // XChart cannot draw an empty series; keep it in the legend off the axes
                x = new double[] {Double.NaN};
                y = new double[] {Double.NaN};
            }
            XYSeries xy = chart.addSeries(name, x, y);
            xy.setMarker(SeriesMarkers.CIRCLE);
            xy.setMarkerColor(Palette.classColor(k));
        }
    }

    @Override
    public int width() {
        return SIZE;
    }

    @Override
    public int height() {
        return SIZE + LEGEND;
    }

    @Override
    public void paint(java.awt.Graphics2D g) {
        ChartStyle.paintAt(g, chart, 0, 0, width(), height());
    }
}
