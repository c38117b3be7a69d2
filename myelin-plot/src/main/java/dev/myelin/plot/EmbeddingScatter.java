package dev.myelin.plot;

import java.awt.Graphics2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points in two dimensions coloured by class, e.g. the learned 2-D embeddings of a graph's nodes: one scatter series
 * per class (the class colors of {@link Palette}), and the points marked as labelled (the training nodes) drawn as
 * larger diamonds in their class color, so a reader sees where the supervision was.
 */
public final class EmbeddingScatter implements Painting {

    static {
        Headless.ensure();
    }

    static final int WIDTH = 720;
    static final int HEIGHT = 560;

    private final XYChart chart;

    /**
     * A scatter of the points, one series per class.
     *
     * @param xy one [x, y] pair per point (non-empty, finite)
     * @param labels each point's class, in [0, classNames.length)
     * @param labelled whether each point was labelled in training (null: none)
     * @param classNames the legend's class names
     * @param title the chart title
     * @throws IllegalArgumentException if there are no points, a point is not two finite numbers, a label is outside
     *     the class names, or the labels (or labelled flags) do not match the points
     */
    public EmbeddingScatter(float[][] xy, int[] labels, boolean[] labelled, String[] classNames, String title) {
        Checks.notNull(xy, "xy");
        Checks.notNull(labels, "labels");
        Checks.notNull(classNames, "classNames");
        if (xy.length == 0) throw new IllegalArgumentException("EmbeddingScatter: no points");
        if (labels.length != xy.length || (labelled != null && labelled.length != xy.length))
            throw new IllegalArgumentException("EmbeddingScatter: " + xy.length + " points but " + labels.length
                    + " labels" + (labelled == null ? "" : " and " + labelled.length + " labelled flags"));
        for (int i = 0; i < xy.length; i++) {
            if (xy[i] == null || xy[i].length != 2 || !Float.isFinite(xy[i][0]) || !Float.isFinite(xy[i][1]))
                throw new IllegalArgumentException("EmbeddingScatter: point " + i + " is not two finite numbers");
            if (labels[i] < 0 || labels[i] >= classNames.length)
                throw new IllegalArgumentException("EmbeddingScatter: label " + labels[i] + " of point " + i
                        + " is outside [0, " + classNames.length + ")");
        }
        chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("dimension 1");
        chart.setYAxisTitle("dimension 2");
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        for (int k = 0; k < classNames.length; k++) {
            series(xy, labels, labelled, k, false, classNames[k]);
            if (labelled != null) series(xy, labels, labelled, k, true, classNames[k] + " (labelled)");
        }
    }

    private void series(float[][] xy, int[] labels, boolean[] labelled, int k, boolean marked, String name) {
        int n = 0;
        for (int i = 0; i < xy.length; i++) if (labels[i] == k && (labelled != null && labelled[i]) == marked) n++;
        if (n == 0) return;
        double[] x = new double[n], y = new double[n];
        for (int i = 0, at = 0; i < xy.length; i++)
            if (labels[i] == k && (labelled != null && labelled[i]) == marked) {
                x[at] = xy[i][0];
                y[at++] = xy[i][1];
            }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(marked ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        s.setMarkerColor(Palette.classColor(k));
        if (marked) s.setMarkerColor(Palette.classColor(k).darker());
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public void paint(Graphics2D g) {
        ChartStyle.paintAt(g, chart, 0, 0, WIDTH, HEIGHT);
    }
}
