package dev.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Loss and accuracy per epoch, training and validation, as two panels side by side (the accuracy panel
 * only when accuracies are given), with the best (early-stopping) epoch marked by a dashed vertical line
 * and a legend entry "best epoch N". Epochs are numbered from 1, as a training log prints them.
 * Non-finite values (a diverged epoch) leave a gap in their curve.
 */
public final class LossCurves implements Painting {

    static {
        Headless.ensure();
    }

    /** Pass as {@code bestEpoch} to draw no best-epoch marker. */
    public static final int NO_BEST_EPOCH = 0;

    static final Color BEST_EPOCH_COLOR = Palette.classColor(2); // green: apart from the train/val colors
    static final int PANEL_WIDTH = 560;
    static final int PANEL_HEIGHT = 420;
    /** Above this many epochs, markers would hide the curve; draw lines only. */
    private static final int MAX_EPOCHS_WITH_MARKERS = 40;

    private final XYChart lossChart;
    private final XYChart accuracyChart;

    /**
     * A loss panel and, when accuracies are given, an accuracy panel beside it.
     *
     * @param trainLoss training loss per epoch (required, non-empty)
     * @param valLoss validation loss per epoch, or null
     * @param trainAcc training accuracy per epoch, or null
     * @param valAcc validation accuracy per epoch, or null
     * @param bestEpoch the 1-based epoch to mark, or {@link #NO_BEST_EPOCH}
     * @throws IllegalArgumentException if trainLoss is empty, another series has another length, or bestEpoch is
     *     outside 0..epochs
     */
    public LossCurves(double[] trainLoss, double[] valLoss, double[] trainAcc, double[] valAcc, int bestEpoch) {
        Checks.notEmpty(trainLoss, "trainLoss");
        int n = trainLoss.length;
        Checks.sameLength(valLoss, "valLoss", n, "trainLoss");
        Checks.sameLength(trainAcc, "trainAcc", n, "trainLoss");
        Checks.sameLength(valAcc, "valAcc", n, "trainLoss");
        if (bestEpoch < 0 || bestEpoch > n) {
            throw new IllegalArgumentException("bestEpoch must be in 1.." + n + " (epochs are numbered from 1) or "
                    + NO_BEST_EPOCH + " for no marker, got " + bestEpoch);
        }
        lossChart = panel("Loss", "loss", trainLoss, valLoss, bestEpoch);
        accuracyChart =
                trainAcc == null && valAcc == null ? null : panel("Accuracy", "accuracy", trainAcc, valAcc, bestEpoch);
    }

    /**
     * The early-stopping epoch for a validation-loss history: the 1-based epoch of the lowest finite
     * value (the first one on ties), or {@link #NO_BEST_EPOCH} if {@code valLoss} is null or has no finite value.
     *
     * @param valLoss validation loss per epoch, or null
     * @return the 1-based best epoch, or {@link #NO_BEST_EPOCH}
     */
    public static int bestEpochByValLoss(double[] valLoss) {
        if (valLoss == null) {
            return NO_BEST_EPOCH;
        }
        int best = NO_BEST_EPOCH;
        for (int i = 0; i < valLoss.length; i++) {
            if (Double.isFinite(valLoss[i]) && (best == NO_BEST_EPOCH || valLoss[i] < valLoss[best - 1])) {
                best = i + 1;
            }
        }
        return best;
    }

    @Override
    public int width() {
        return accuracyChart == null ? PANEL_WIDTH : 2 * PANEL_WIDTH;
    }

    @Override
    public int height() {
        return PANEL_HEIGHT;
    }

    @Override
    public void paint(Graphics2D g) {
        ChartStyle.paintAt(g, lossChart, 0, 0, PANEL_WIDTH, PANEL_HEIGHT);
        if (accuracyChart != null) {
            ChartStyle.paintAt(g, accuracyChart, PANEL_WIDTH, 0, PANEL_WIDTH, PANEL_HEIGHT);
        }
    }

    private static XYChart panel(String title, String yTitle, double[] train, double[] val, int bestEpoch) {
        XYChart chart = new XYChart(PANEL_WIDTH, PANEL_HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("epoch");
        chart.setYAxisTitle(yTitle);
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        int n = train != null ? train.length : val.length;
        double[] epochs = new double[n];
        for (int i = 0; i < n; i++) {
            epochs[i] = i + 1;
        }
        if (n < 10) {
            // Avoid ticks at fractional epochs.
            chart.getStyler().setXAxisMaxLabelCount(n);
        }
        boolean markers = n <= MAX_EPOCHS_WITH_MARKERS;
        if (train != null) {
            curve(chart, "train", epochs, train, Palette.classColor(0), markers);
        }
        if (val != null) {
            curve(chart, "validation", epochs, val, Palette.classColor(1), markers);
        }
        if (bestEpoch != NO_BEST_EPOCH) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] values : new double[][] {train, val}) {
                for (int i = 0; values != null && i < values.length; i++) {
                    if (Double.isFinite(values[i])) {
                        lo = Math.min(lo, values[i]);
                        hi = Math.max(hi, values[i]);
                    }
                }
            }
            if (lo <= hi) {
                XYSeries line = chart.addSeries(
                        "best epoch " + bestEpoch, new double[] {bestEpoch, bestEpoch}, new double[] {lo, hi});
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(BEST_EPOCH_COLOR);
                line.setLineStyle(new BasicStroke(
                        2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }

    /** XChart rejects infinities; NaN leaves a gap, which is what a diverged epoch should look like. */
    private static double[] finiteOrNaN(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static void curve(XYChart chart, String name, double[] x, double[] y, Color color, boolean markers) {
        XYSeries s = chart.addSeries(name, x, finiteOrNaN(y));
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(2f));
        if (markers) {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        } else {
            s.setMarker(SeriesMarkers.NONE);
        }
    }
}
