package dev.myelin.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A forecast against the truth over time: two lines on one axis, the truth in the first class color and the
 * forecast in the second, x counted in steps from the first forecast.
 */
public final class ForecastChart implements Painting {

    static {
        Headless.ensure();
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 420;

    private final XYChart chart;

    /**
     * The truth and the forecast as two lines over the step number.
     *
     * @param truth the observed values, one per step (non-empty)
     * @param forecast the forecast values for the same steps
     * @param title the chart title
     * @param yTitle what the values are (a column name and unit)
     * @throws IllegalArgumentException if truth is empty or null, or forecast is null or of another length
     */
    public ForecastChart(double[] truth, double[] forecast, String title, String yTitle) {
        Checks.notEmpty(truth, "truth");
        Checks.sameLength(forecast, "forecast", truth.length, "truth");
        Checks.notNull(forecast, "forecast");
        chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("step");
        chart.setYAxisTitle(yTitle);
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        double[] steps = new double[truth.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        line("truth", steps, truth, 0);
        line("forecast", steps, forecast, 1);
    }

    private void line(String name, double[] x, double[] y, int color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Palette.classColor(color));
        s.setLineStyle(new BasicStroke(1.5f));
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
