package dev.myelin.plot;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Decision regions of a classifier on 2-D inputs: the classifier is evaluated at the centres of a
 * {@code resolution x resolution} grid spanning the data (plus a 10% margin), each cell is painted in the
 * pale color of its predicted class, and the data points are drawn on top in the full class colors.
 */
public final class DecisionBoundary implements Painting {

    static {
        Headless.ensure();
    }

    /** Grid cells per axis unless told otherwise. */
    public static final int DEFAULT_RESOLUTION = 200;

    static final double MARGIN = 0.10;
    private static final int WIDTH = 620;
    private static final int HEIGHT = 560;

    private final RasterUnderChart picture;

    /**
     * Evaluates {@code predict} on the grid (once, in one batch) and lays out the picture.
     *
     * @param xy the points, one {@code {x1, x2}} per row
     * @param labels the true class of each point, >= 0
     * @param predict maps a batch of points ({@code n x 2}) to their predicted classes (length n, >= 0)
     * @param classNames a name per class for the legend, or null for "class 0", "class 1", ...
     * @param resolution grid cells per axis (the classifier sees resolution² points)
     * @throws IllegalArgumentException if there are no points, a point is not two finite numbers, the labels do not
     *     match the points or are negative, the resolution is not positive, or there are fewer class names than
     *     classes
     */
    public DecisionBoundary(
            float[][] xy, int[] labels, Function<float[][], int[]> predict, String[] classNames, int resolution) {
        Checks.notNull(xy, "xy");
        Checks.notNull(labels, "labels");
        Checks.notNull(predict, "predict");
        Checks.positive(resolution, "resolution");
        if (xy.length == 0) {
            throw new IllegalArgumentException("xy must hold at least one point");
        }
        if (labels.length != xy.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but xy has " + xy.length
                    + " points; give one label per point");
        }
        double x1Lo = Double.POSITIVE_INFINITY, x1Hi = Double.NEGATIVE_INFINITY;
        double x2Lo = Double.POSITIVE_INFINITY, x2Hi = Double.NEGATIVE_INFINITY;
        int classes = 0;
        for (int i = 0; i < xy.length; i++) {
            if (xy[i] == null || xy[i].length != 2) {
                throw new IllegalArgumentException("xy[" + i + "] must be a 2-D point {x1, x2}, got "
                        + (xy[i] == null ? "null" : xy[i].length + " coordinates"));
            }
            if (!Float.isFinite(xy[i][0]) || !Float.isFinite(xy[i][1])) {
                throw new IllegalArgumentException("xy[" + i + "] is not finite: (" + xy[i][0] + ", " + xy[i][1] + ")");
            }
            if (labels[i] < 0) {
                throw new IllegalArgumentException(
                        "labels[" + i + "] is negative (" + labels[i] + "); classes are numbered from 0");
            }
            x1Lo = Math.min(x1Lo, xy[i][0]);
            x1Hi = Math.max(x1Hi, xy[i][0]);
            x2Lo = Math.min(x2Lo, xy[i][1]);
            x2Hi = Math.max(x2Hi, xy[i][1]);
            classes = Math.max(classes, labels[i] + 1);
        }
        double[] r1 = padded(x1Lo, x1Hi);
        double[] r2 = padded(x2Lo, x2Hi);

        int[] predicted = predictGrid(predict, r1, r2, resolution);
        BufferedImage raster = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < resolution; row++) {
            for (int col = 0; col < resolution; col++) {
                int k = predicted[row * resolution + col];
                classes = Math.max(classes, k + 1);
                raster.setRGB(col, row, Palette.regionColor(k).getRGB());
            }
        }
        if (classNames != null && classNames.length < classes) {
            throw new IllegalArgumentException("classNames has " + classNames.length + " names but labels and "
                    + "predictions use " + classes + " classes; give one name per class");
        }

        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Decision boundary");
        chart.setXAxisTitle("x1");
        chart.setYAxisTitle("x2");
        XYStyler s = chart.getStyler();
        ChartStyle.apply(s);
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerSize(7);
        for (int k = 0; k < classes; k++) {
            int count = 0;
            for (int label : labels) {
                count += label == k ? 1 : 0;
            }
            if (count == 0) {
                continue;
            }
            double[] px = new double[count];
            double[] py = new double[count];
            for (int i = 0, j = 0; i < labels.length; i++) {
                if (labels[i] == k) {
                    px[j] = xy[i][0];
                    py[j++] = xy[i][1];
                }
            }
            XYSeries series = chart.addSeries(classNames != null ? classNames[k] : "class " + k, px, py);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(Palette.classColor(k));
        }
        picture = new RasterUnderChart(chart, raster, r1[0], r1[1], r2[0], r2[1]);
    }

    /**
     * Adapts a one-point classifier to the batch form the constructor takes.
     *
     * @param classifier maps one {@code {x1, x2}} point to its class
     * @return a batch classifier calling {@code classifier} once per point
     * @throws IllegalArgumentException if {@code classifier} is null
     */
    public static Function<float[][], int[]> perPoint(ToIntFunction<float[]> classifier) {
        Checks.notNull(classifier, "classifier");
        return points -> {
            int[] out = new int[points.length];
            for (int i = 0; i < points.length; i++) {
                out[i] = classifier.applyAsInt(points[i]);
            }
            return out;
        };
    }

    /** Data range widened by {@link #MARGIN} on each side (and to a unit width if all values are equal). */
    static double[] padded(double lo, double hi) {
        double span = hi - lo;
        if (span == 0) {
            return new double[] {lo - 0.5, hi + 0.5};
        }
        return new double[] {lo - MARGIN * span, hi + MARGIN * span};
    }

    /** Predictions at the grid cell centres, row-major with row 0 at the top (largest x2). */
    private static int[] predictGrid(Function<float[][], int[]> predict, double[] r1, double[] r2, int res) {
        float[][] grid = new float[res * res][];
        double d1 = (r1[1] - r1[0]) / res;
        double d2 = (r2[1] - r2[0]) / res;
        for (int row = 0; row < res; row++) {
            float x2 = (float) (r2[1] - (row + 0.5) * d2);
            for (int col = 0; col < res; col++) {
                grid[row * res + col] = new float[] {(float) (r1[0] + (col + 0.5) * d1), x2};
            }
        }
        int[] predicted = predict.apply(grid);
        if (predicted == null || predicted.length != grid.length) {
            throw new IllegalArgumentException(
                    "predict returned " + (predicted == null ? "null" : predicted.length + " classes") + " for "
                            + grid.length + " grid points; it must return one class per point");
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0) {
                throw new IllegalArgumentException("predict returned class " + predicted[i] + " for point ("
                        + grid[i][0] + ", " + grid[i][1] + "); classes are numbered from 0");
            }
        }
        return predicted;
    }

    /** The plot area (data range) in image coordinates, as laid out by XChart. */
    Rectangle plotArea() {
        return picture.plotArea(WIDTH, HEIGHT);
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
        picture.paint(g, WIDTH, HEIGHT);
    }
}
