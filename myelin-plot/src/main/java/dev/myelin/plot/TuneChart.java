package dev.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.LinkedHashMap;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Progress of a hyperparameter search: every trial's score as a point (x = trial number) and the best score so
 * far as a line, one color per series (e.g. per search strategy, so that strategies run on the same problem can
 * be compared). NaN marks a failed trial: no point, and the best-so-far line carries on.
 */
public final class TuneChart implements Painting {

    static {
        Headless.ensure();
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 460;

    private final XYChart chart;

    /**
     * The trials' scores as points and the best so far as a step line, one color per series.
     *
     * @param scores         per series (name → score of trial 0, 1, ...; NaN for failed trials), in legend order
     * @param higherIsBetter whether the best so far is the running maximum (accuracy) or minimum (loss)
     * @param scoreName      the y-axis title, e.g. "val_accuracy"
     * @throws IllegalArgumentException if there is no series, a series is empty, or scoreName is null
     */
    public TuneChart(Map<String, double[]> scores, boolean higherIsBetter, String scoreName) {
        Checks.notNull(scores, "scores");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("scores must hold at least one series");
        }
        chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle("Search progress");
        chart.setXAxisTitle("trial");
        chart.setYAxisTitle(Checks.notNull(scoreName, "scoreName"));
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        int k = 0;
        int longest = 0;
        for (Map.Entry<String, double[]> e : new LinkedHashMap<>(scores).entrySet()) {
            double[] y = e.getValue();
            Checks.notEmpty(y, "scores of '" + e.getKey() + "'");
            longest = Math.max(longest, y.length);
            boolean anyFinite = false;
            for (double v : y) {
                anyFinite |= Double.isFinite(v);
            }
            Color color = Palette.classColor(k++);
            if (!anyFinite) {
                continue; // every trial failed: nothing to draw, and XChart cannot scale an all-NaN series
            }
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            String prefix = scores.size() == 1 ? "" : e.getKey() + ": ";
            XYSeries points = chart.addSeries(prefix + "trial score", x, finiteOrNaN(y));
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(color);
            XYSeries best = chart.addSeries(prefix + "best so far", x, bestSoFar(y, higherIsBetter));
            best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            best.setMarker(SeriesMarkers.NONE);
            best.setLineColor(color);
            best.setLineStyle(new BasicStroke(2f));
        }
        if (longest < 10) {
            chart.getStyler().setXAxisMaxLabelCount(longest); // no ticks at fractional trial numbers
        }
    }

    /**
     * The best-so-far line: element i is the best finite score among 0..i; NaN before the first finite one.
     *
     * @param scores one score per trial, NaN for a failed trial
     * @param higherIsBetter whether best means the largest (accuracy) or the smallest (loss)
     * @return the running best, as long as {@code scores}
     */
    public static double[] bestSoFar(double[] scores, boolean higherIsBetter) {
        double[] out = new double[scores.length];
        double best = Double.NaN;
        for (int i = 0; i < scores.length; i++) {
            double v = scores[i];
            if (Double.isFinite(v) && (Double.isNaN(best) || (higherIsBetter ? v > best : v < best))) {
                best = v;
            }
            out[i] = best;
        }
        return out;
    }

    private static double[] finiteOrNaN(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
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
