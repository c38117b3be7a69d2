package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    static final String[] NAMES = {"zero", "one", "two"};

    static float[][] images(int n, int h, int w) {
        float[][] images = new float[n][h * w];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < h * w; p++) {
                images[i][p] = ((p / w + p % w + i) % 7) / 6f;
            }
        }
        return images;
    }

    @Test
    void whiteAndBlackTilesKeepTheirBrightness() throws IOException {
        float[][] images = images(6, 28, 28);
        Arrays.fill(images[0], 1f);
        Arrays.fill(images[1], 0f);
        ImageGrid grid =
                new ImageGrid(images, 28, 28, new int[] {0, 1, 2, 0, 1, 2}, new int[] {0, 1, 2, 0, 1, 2}, NAMES, 0);
        BufferedImage image = Rendering.writeBoth(grid, dir, "grid");
        assertThat(mean(image, grid.tileBounds(0))).isEqualTo(255.0);
        assertThat(mean(image, grid.tileBounds(1))).isEqualTo(0.0);
        assertThat(grid.tileBounds(0).width).isEqualTo(84); // 28 px enlarged 3x
    }

    @Test
    void wrongPredictionsGetARedCaptionRightOnesDoNot() throws IOException {
        ImageGrid grid =
                new ImageGrid(images(4, 28, 28), 28, 28, new int[] {0, 2, 1, 1}, new int[] {0, 1, 1, 1}, NAMES, 2);
        BufferedImage image = Rendering.writeBoth(grid, dir, "wrong");
        assertThat(redPixels(image, grid.captionBounds(1))).isGreaterThan(20);
        assertThat(redPixels(image, grid.captionBounds(0))).isZero();
        assertThat(redPixels(image, grid.captionBounds(2))).isZero();
        assertThat(image.getWidth()).isLessThan(image.getHeight() * 3); // 2 columns, 2 rows
    }

    @Test
    void standardizedValuesAreRescaledFromMinToMax() {
        float[][] images = {{-2f, -2f, -2f, -2f}, {3f, 3f, 3f, 3f}};
        ImageGrid grid = new ImageGrid(images, 2, 2, null, new int[] {0, 1}, null, 0);
        BufferedImage image = PaintingWriter.render(grid);
        assertThat(mean(image, grid.tileBounds(0))).isEqualTo(0.0);
        assertThat(mean(image, grid.tileBounds(1))).isEqualTo(255.0);
    }

    @Test
    void facadeWritesRectangularImagesAndDefault28x28() throws IOException {
        Plots.imageGrid(
                images(5, 8, 12),
                8,
                12,
                new int[] {0, 1, 2, 1, 0},
                new int[] {0, 1, 1, 1, 0},
                NAMES,
                dir.resolve("rect.png"));
        Plots.imageGrid(images(3, 28, 28), new int[] {0, 1, 2}, new int[] {0, 1, 2}, null, dir.resolve("mnist.svg"));
        assertThat(javax.imageio.ImageIO.read(dir.resolve("rect.png").toFile())).isNotNull();
        Rendering.assertSvg(dir.resolve("mnist.svg"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new ImageGrid(new float[][] {new float[10]}, 28, 28, null, null, null, 0))
                .hasMessageContaining("images[0] has 10 values but height x width = 28 x 28 = 784");
        assertThatThrownBy(() -> new ImageGrid(images(2, 2, 2), 2, 2, new int[] {0}, null, null, 0))
                .hasMessageContaining("predicted has 1 entries but there are 2 images");
        assertThatThrownBy(() -> new ImageGrid(images(2, 2, 2), 2, 2, new int[] {0, 5}, null, NAMES, 0))
                .hasMessageContaining("predicted[1] is class 5 but classNames has only 3 names");
        assertThatThrownBy(() -> new ImageGrid(new float[][] {{Float.NaN}}, 1, 1, null, null, null, 0))
                .hasMessageContaining("non-finite");
    }

    private static double mean(BufferedImage image, Rectangle r) {
        double sum = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                Color c = Rendering.at(image, x, y);
                sum += (c.getRed() + c.getGreen() + c.getBlue()) / 3.0;
            }
        }
        return sum / (r.width * r.height);
    }

    private static int redPixels(BufferedImage image, Rectangle r) {
        int n = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                Color c = Rendering.at(image, x, y);
                if (c.getRed() > 150 && c.getGreen() < 110 && c.getBlue() < 110) {
                    n++;
                }
            }
        }
        return n;
    }
}
