package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfusionMatrixChartTest {

    @TempDir
    Path dir;

    static final int[][] COUNTS = {{50, 2, 0}, {3, 41, 6}, {0, 9, 39}};
    static final String[] NAMES = {"setosa", "versicolor", "virginica"};

    @Test
    void rendersWithLargestCountInTheDarkestColor() throws IOException {
        BufferedImage image = Rendering.writeBoth(new ConfusionMatrixChart(COUNTS, NAMES), dir, "cm");
        // The cell holding the maximum (50) is filled with the top color of the scale.
        assertThat(Rendering.count(image, ConfusionMatrixChart.HIGH)).isGreaterThan(500);
    }

    @Test
    void firstTrueClassIsTheTopRow() throws IOException {
        // Only true class 0 / predicted 0 is non-zero: its cell must be top-left of the plot.
        int[][] counts = {{7, 0}, {0, 0}};
        BufferedImage image = Rendering.writeBoth(new ConfusionMatrixChart(counts, null), dir, "corner");
        int minX = Integer.MAX_VALUE, maxX = -1, minY = Integer.MAX_VALUE, maxY = -1;
        int high = ConfusionMatrixChart.HIGH.getRGB() & 0xffffff;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == high) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        // Ignore the color-scale legend on the right: the cell is the filled block on the left half.
        assertThat(minX).isLessThan(image.getWidth() / 2);
        assertThat(minY).isLessThan(image.getHeight() / 2);
    }

    @Test
    void facadeWritesManyClasses() throws IOException {
        int k = 10;
        int[][] counts = new int[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                counts[t][p] = t == p ? 900 + 10 * t : (t * 7 + p * 3) % 25;
            }
        }
        Plots.confusionMatrix(counts, null, dir.resolve("cm10.png"));
        assertThat(javax.imageio.ImageIO.read(dir.resolve("cm10.png").toFile())).isNotNull();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new ConfusionMatrixChart(new int[][] {{1, 2}, {3}}, null))
                .hasMessageContaining("square")
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> new ConfusionMatrixChart(new int[][] {{1, -2}, {3, 4}}, null))
                .hasMessageContaining("counts[0][1] is negative");
        assertThatThrownBy(() -> new ConfusionMatrixChart(COUNTS, new String[] {"a", "b"}))
                .hasMessageContaining("classNames has 2 names");
        assertThatThrownBy(() -> new ConfusionMatrixChart(new int[0][], null)).hasMessageContaining("counts");
    }
}
