package dev.myelin.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look every XChart chart here shares, and a helper to place a chart inside a larger painting. */
final class ChartStyle {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartStyle() {}

    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xdddddd));
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(TEXT_FONT);
        s.setAxisTickLabelsFont(TEXT_FONT);
        s.setLegendFont(TEXT_FONT);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartPadding(12);
    }

    /** Paints {@code chart} at {@code (x, y)} with the given size, leaving {@code g} unchanged. */
    static void paintAt(Graphics2D g, Chart<?, ?> chart, int x, int y, int width, int height) {
        Graphics2D child = (Graphics2D) g.create();
        try {
            child.translate(x, y);
            chart.paint(child, width, height);
        } finally {
            child.dispose();
        }
    }
}
