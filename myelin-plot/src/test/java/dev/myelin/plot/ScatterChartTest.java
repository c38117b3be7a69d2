package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterChartTest {

    @TempDir
    Path dir;

    private static float[][] ring(int n, double radius) {
        float[][] p = new float[n][2];
        for (int i = 0; i < n; i++) {
            p[i][0] = (float) (radius * Math.cos(2 * Math.PI * i / n));
            p[i][1] = (float) (radius * Math.sin(2 * Math.PI * i / n));
        }
        return p;
    }

    @Test
    void drawsEachSeriesInItsClassColor() throws IOException {
        BufferedImage image = Rendering.writeBoth(
                new ScatterChart(
                        "two rings",
                        List.of(
                                ScatterChart.Series.of("real", ring(200, 2)),
                                ScatterChart.Series.of("generated", ring(200, 1))),
                        3),
                dir,
                "scatter");
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(200);
        assertThat(Rendering.count(image, Palette.classColor(1))).isGreaterThan(200);
        assertThat(image.getWidth()).isEqualTo(ScatterChart.SIZE);
    }

    @Test
    void pointsOutsideAFixedRangeAreLeftOutAndCounted() throws IOException {
        float[][] far = {{0, 0}, {10, 0}, {0, -7}};
        BufferedImage fixed =
                Rendering.writeBoth(new ScatterChart("", List.of(ScatterChart.Series.of("g", far)), 3), dir, "fixed");
        BufferedImage auto =
                Rendering.writeBoth(new ScatterChart("", List.of(ScatterChart.Series.of("g", far)), 0), dir, "auto");
        assertThat(Rendering.count(fixed, Palette.classColor(0)))
                .isLessThan(Rendering.count(auto, Palette.classColor(0)));
        // an empty series (every point outside) is still drawn as a legend entry
        new ScatterChart("", List.of(ScatterChart.Series.of("g", new float[][] {{9, 9}})), 3);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> new ScatterChart("", List.of(), 0)).hasMessageContaining("at least one series");
        assertThatThrownBy(() ->
                        new ScatterChart("", List.of(ScatterChart.Series.of("g", new float[][] {{Float.NaN, 0}})), 0))
                .hasMessageContaining("series 'g' point 0 is not finite");
        assertThatThrownBy(() -> ScatterChart.Series.of("g", new float[][] {{1, 2, 3}}))
                .hasMessageContaining("point 0 of series 'g' must have 2 coordinates");
        assertThatThrownBy(() -> new ScatterChart.Series("g", new double[2], new double[3]))
                .hasMessageContaining("y of series 'g' has 3 entries but x has 2");
        assertThatThrownBy(() -> new ScatterChart("", List.of(ScatterChart.Series.of("g", new float[1][2])), -1))
                .hasMessageContaining("range must be finite and >= 0");
    }
}
