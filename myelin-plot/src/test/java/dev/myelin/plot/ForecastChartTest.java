package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastChartTest {

    @TempDir
    Path dir;

    @Test
    void drawsTruthAndForecastInTheirColors() throws IOException {
        double[] truth = new double[200];
        double[] forecast = new double[200];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = 50 + 10 * Math.sin(i / 8.0);
            forecast[i] = 50 + 9 * Math.sin((i - 1) / 8.0);
        }
        BufferedImage image =
                Rendering.writeBoth(new ForecastChart(truth, forecast, "forecast", "temp"), dir, "forecast");
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(200);
        assertThat(Rendering.count(image, Palette.classColor(1))).isGreaterThan(200);
    }

    @Test
    void refusesSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> new ForecastChart(new double[3], new double[2], "t", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forecast has 2 entries but truth has 3");
    }
}
