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

class FilterGridTest {

    @TempDir
    Path dir;

    /** Four 3x3 filters of one input channel: +0.5 everywhere, -0.5 everywhere, zeros, +0.25. */
    static float[] weights() {
        float[] w = new float[4 * 9];
        Arrays.fill(w, 0, 9, 0.5f);
        Arrays.fill(w, 9, 18, -0.5f);
        Arrays.fill(w, 27, 36, 0.25f);
        return w;
    }

    @Test
    void signedWeightsShareOneScaleRedPositiveBlueNegativeWhiteZero() throws IOException {
        FilterGrid grid = new FilterGrid(weights(), 4, 1, 3, 3, "conv");
        BufferedImage image = Rendering.writeBoth(grid, dir, "filters");
        assertThat(grid.maxAbs()).isEqualTo(0.5f);
        assertThat(center(image, grid.tileBounds(0, 0))).isEqualTo(new Color(0xb2182b));
        assertThat(center(image, grid.tileBounds(0, 1))).isEqualTo(new Color(0x2166ac));
        assertThat(center(image, grid.tileBounds(0, 2))).isEqualTo(Color.WHITE);
        // half the largest magnitude is half-way from white to red
        Color half = center(image, grid.tileBounds(0, 3));
        assertThat(half.getRed()).isBetween(0xd6, 0xda);
        assertThat(half.getGreen()).isBetween(0x89, 0x8d);
        assertThat(grid.tileBounds(0, 0).width).isEqualTo(48); // 3 px enlarged 16x
    }

    @Test
    void severalInputChannelsGetASectionEach() {
        float[] w = new float[2 * 3 * 5 * 5];
        w[0] = 1;
        FilterGrid grid = new FilterGrid(w, 2, 3, 5, 5, "conv");
        Rectangle first = grid.tileBounds(0, 0);
        Rectangle third = grid.tileBounds(2, 1);
        assertThat(third.y).isGreaterThan(first.y + first.height);
        BufferedImage image = PaintingWriter.render(grid);
        // filter 0, channel 0 starts with the largest weight: its top-left pixel is full red
        assertThat(Rendering.at(image, first.x, first.y)).isEqualTo(new Color(0xb2182b));
        assertThat(Rendering.at(image, third.x, third.y)).isEqualTo(Color.WHITE);
    }

    @Test
    void wrongSizesAndNonFiniteWeightsAreRefused() {
        assertThatThrownBy(() -> new FilterGrid(new float[10], 4, 1, 3, 3, "conv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 values")
                .hasMessageContaining("4 x 1 x 3 x 3");
        float[] w = weights();
        w[5] = Float.NaN;
        assertThatThrownBy(() -> new FilterGrid(w, 4, 1, 3, 3, "conv")).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> new FilterGrid(weights(), 0, 1, 3, 3, "conv")).hasMessageContaining("out must be > 0");
    }

    static Color center(BufferedImage image, Rectangle r) {
        return Rendering.at(image, r.x + r.width / 2, r.y + r.height / 2);
    }
}
