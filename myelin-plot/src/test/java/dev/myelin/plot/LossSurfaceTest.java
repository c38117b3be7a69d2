package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossSurfaceTest {

    @TempDir
    Path dir;

    /** A bowl with its minimum 0 at (1, -1). */
    static final DoubleBinaryOperator BOWL = (w1, w2) -> (w1 - 1) * (w1 - 1) + 2 * (w2 + 1) * (w2 + 1);

    static double[][] descent(int steps, double lr) {
        double[][] path = new double[steps][];
        double w1 = -2.5, w2 = 2.5;
        for (int i = 0; i < steps; i++) {
            path[i] = new double[] {w1, w2};
            w1 -= lr * 2 * (w1 - 1);
            w2 -= lr * 4 * (w2 + 1);
        }
        return path;
    }

    @Test
    void darkAtTheMinimumBrightAtTheFarCorner() throws IOException {
        LossSurface surface = new LossSurface(BOWL, -3, 3, -3, 3, null, 120);
        BufferedImage image = Rendering.writeBoth(surface, dir, "bowl");
        // Grid cell centres lie half a cell inside the range: min near 0, max near f(-3, 3) = 16 + 32.
        assertThat(surface.minLoss()).isCloseTo(0, within(0.01));
        assertThat(surface.maxLoss()).isCloseTo(48, within(2.0));
        Rectangle plot = surface.plotArea();
        int minX = plot.x + (int) Math.round(plot.width * (1 + 3) / 6.0);
        int minY = plot.y + (int) Math.round(plot.height * (3 - -1) / 6.0);
        Color atMin = Rendering.at(image, minX, minY);
        Color atCorner = Rendering.at(image, plot.x + 4, plot.y + 4); // (-3, 3): the maximum
        assertThat(distance(atMin, Palette.viridis(0))).isLessThan(40);
        assertThat(distance(atCorner, Palette.viridis(1))).isLessThan(40);
    }

    @Test
    void pathIsDrawnInItsColor() throws IOException {
        BufferedImage image =
                Rendering.writeBoth(new LossSurface(BOWL, -3, 3, -3, 3, descent(15, 0.2), 100), dir, "path");
        assertThat(Rendering.count(image, LossSurface.PATH_COLOR)).isGreaterThan(100);
    }

    @Test
    void undefinedLossIsGreyAndFacadeWrites() throws IOException {
        Plots.lossSurface(
                (a, b) -> a < 0 ? Double.NaN : Math.log(a) + b * b,
                -1,
                3,
                -2,
                2,
                descent(5, 0.1),
                dir.resolve("partial.png"));
        BufferedImage image =
                javax.imageio.ImageIO.read(dir.resolve("partial.png").toFile());
        assertThat(Rendering.count(image, LossSurface.UNDEFINED_COLOR)).isGreaterThan(1000);
    }

    @Test
    void colorBarTicksUseDecimalsThatFitTheRange() {
        assertThat(LossSurface.tickFormat(47.6)).isEqualTo("%.1f");
        assertThat(LossSurface.tickFormat(1234)).isEqualTo("%.0f");
        assertThat(LossSurface.tickFormat(0.05)).isEqualTo("%.4f");
        assertThat(LossSurface.tickFormat(0)).isEqualTo("%.3g");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new LossSurface(BOWL, 1, 1, 0, 1, null, 10)).hasMessageContaining("w1 range");
        assertThatThrownBy(() -> new LossSurface(BOWL, 0, 1, 0, Double.NaN, null, 10))
                .hasMessageContaining("w2 range");
        assertThatThrownBy(() -> new LossSurface((a, b) -> Double.NaN, 0, 1, 0, 1, null, 10))
                .hasMessageContaining("not finite anywhere");
        assertThatThrownBy(() -> new LossSurface(BOWL, 0, 1, 0, 1, new double[][] {{1}}, 10))
                .hasMessageContaining("path[0]");
    }

    private static int distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed())
                + Math.abs(a.getGreen() - b.getGreen())
                + Math.abs(a.getBlue() - b.getBlue());
    }
}
