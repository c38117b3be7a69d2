package dev.myelin.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A confusion matrix as a heat map with the count written in each cell: rows are the true labels (first
 * class at the top, as the matrix is printed), columns the predicted labels (first class at the left).
 */
public final class ConfusionMatrixChart implements Painting {

    static {
        Headless.ensure();
    }

    /** Colors from zero to the largest count; light enough at the top that the black counts stay readable. */
    static final Color LOW = Color.WHITE;

    static final Color HIGH = new Color(0x4a90c8);
    private static final int CELL = 52;

    private final HeatMapChart chart;
    private final int width;
    private final int height;

    /**
     * A heat map of {@code counts}, titled "Confusion matrix", as scikit-learn's {@code ConfusionMatrixDisplay}.
     *
     * @param counts {@code counts[t][p]} = number of samples of true class t predicted as p; square, >= 0
     * @param classNames one name per class, or null for "0", "1", ...
     * @throws IllegalArgumentException if counts is empty, not square or has a negative count, or the number of
     *     class names differs from the number of classes
     */
    public ConfusionMatrixChart(int[][] counts, String[] classNames) {
        Checks.notNull(counts, "counts");
        int k = counts.length;
        if (k == 0) {
            throw new IllegalArgumentException("counts must have at least one row");
        }
        int max = 0;
        for (int t = 0; t < k; t++) {
            if (counts[t] == null || counts[t].length != k) {
                throw new IllegalArgumentException("counts must be square (" + k + " x " + k + "), but row " + t
                        + " has " + (counts[t] == null ? "null" : counts[t].length + " entries"));
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("counts[" + t + "][" + p + "] is negative (" + counts[t][p]
                            + "); a confusion matrix holds sample counts");
                }
                max = Math.max(max, counts[t][p]);
            }
        }
        String[] names = classNames != null ? classNames.clone() : defaultNames(k);
        if (names.length != k) {
            throw new IllegalArgumentException("classNames has " + names.length + " names but counts is " + k + " x "
                    + k + "; give one name per class");
        }
        width = Math.max(460, 200 + CELL * k);
        height = Math.max(400, 170 + CELL * k);

        // The two-argument constructor leaves the styler without a theme (no axes, no colors); pass one.
        chart = new HeatMapChart(width, height, Styler.ChartTheme.XChart);
        chart.setTitle("Confusion matrix");
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("true");
        HeatMapStyler s = chart.getStyler();
        ChartStyle.apply(s);
        s.setLegendVisible(true);
        s.setLegendPosition(HeatMapStyler.LegendPosition.OutsideE);
        s.setLegendLayout(HeatMapStyler.LegendLayout.Vertical); // a horizontal color scale has zero height here
        s.setPlotContentSize(1.0);
        s.setRangeColors(new Color[] {LOW, HIGH});
        s.setMin(0);
        s.setMax(Math.max(1, max));
        s.setShowValue(true);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 15 ? 9 : 12));
        s.setValueFontColor(Color.BLACK);
        s.setHeatMapValueDecimalPattern("#");
        if (k > 4) {
            s.setXAxisLabelRotation(45); // long class names would overlap side by side
        }
        s.setDrawBorder(true);

        // XChart draws the first y category at the bottom; reverse so the first true class is on top.
        List<String> yNames = new ArrayList<>(Arrays.asList(names));
        java.util.Collections.reverse(yNames);
        List<Number[]> cells = new ArrayList<>(k * k);
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - t, counts[t][p]});
            }
        }
        chart.addSeries("count", Arrays.asList(names), yNames, cells);
    }

    private static String[] defaultNames(int k) {
        String[] names = new String[k];
        for (int i = 0; i < k; i++) {
            names[i] = Integer.toString(i);
        }
        return names;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void paint(Graphics2D g) {
        chart.paint(g, width, height);
    }
}
