package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneChartTest {

    @TempDir
    Path dir;

    @Test
    void bestSoFarIsTheRunningBestSkippingFailedTrials() {
        double[] scores = {Double.NaN, 0.7, 0.6, Double.NaN, 0.8, 0.75};
        assertThat(TuneChart.bestSoFar(scores, true)).containsExactly(Double.NaN, 0.7, 0.7, 0.7, 0.8, 0.8);
        assertThat(TuneChart.bestSoFar(scores, false)).containsExactly(Double.NaN, 0.7, 0.6, 0.6, 0.6, 0.6);
    }

    @Test
    void oneSeriesPerStrategyInItsOwnColor() throws IOException {
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("random", new double[] {0.70, 0.81, Double.NaN, 0.78, 0.84, 0.80, 0.83, 0.85});
        scores.put("pso", new double[] {0.72, 0.75, 0.82, 0.86, 0.85});
        BufferedImage image = Rendering.writeBoth(new TuneChart(scores, true, "val_accuracy"), dir, "tune");
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(100);
        assertThat(Rendering.count(image, Palette.classColor(1))).isGreaterThan(100);
    }

    @Test
    void facadeAndAllFailedSeries() throws IOException {
        Plots.tuneProgress(Map.of("random", new double[] {0.3, 0.2, 0.25}), false, "val_loss", dir.resolve("t.png"));
        assertThat(javax.imageio.ImageIO.read(dir.resolve("t.png").toFile()).getWidth())
                .isEqualTo(TuneChart.WIDTH);
        BufferedImage failed = Rendering.writeBoth(
                new TuneChart(Map.of("grid", new double[] {Double.NaN, Double.NaN}), true, "val_accuracy"),
                dir,
                "failed");
        assertThat(failed.getWidth()).isEqualTo(TuneChart.WIDTH);
        assertThat(Rendering.count(failed, Palette.classColor(0)))
                .as("no points for failed trials")
                .isZero();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new TuneChart(Map.of(), true, "x")).hasMessageContaining("at least one series");
        assertThatThrownBy(() -> new TuneChart(Map.of("a", new double[0]), true, "x"))
                .hasMessageContaining("scores of 'a' must not be empty");
        assertThatThrownBy(() -> new TuneChart(null, true, "x")).hasMessageContaining("scores must not be null");
    }
}
