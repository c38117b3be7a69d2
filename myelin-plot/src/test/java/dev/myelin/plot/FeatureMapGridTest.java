package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureMapGridTest {

    @TempDir
    Path dir;

    @Test
    void eachChannelIsScaledFromItsOwnMinimumToItsMaximum() throws IOException {
        // channel 0 rises left to right from 0 to 3; channel 1 from -100 to 100; channel 2 is constant
        float[] conv = new float[3 * 4 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                conv[y * 4 + x] = x;
                conv[16 + y * 4 + x] = -100 + x * 200 / 3f;
                conv[32 + y * 4 + x] = 7;
            }
        }
        FeatureMap input = new FeatureMap("input", new float[64], 1, 8, 8);
        FeatureMapGrid grid = new FeatureMapGrid(List.of(input, new FeatureMap("conv1", conv, 3, 4, 4)), "one image");
        BufferedImage image = Rendering.writeBoth(grid, dir, "maps");
        Color dark = Palette.viridis(0);
        Color bright = Palette.viridis(1);
        for (int c = 0; c < 2; c++) {
            Rectangle r = grid.tileBounds(1, c);
            assertThat(Rendering.at(image, r.x + 1, r.y + 1))
                    .as("channel %d left", c)
                    .isEqualTo(dark);
            assertThat(Rendering.at(image, r.x + r.width - 2, r.y + 1))
                    .as("channel %d right", c)
                    .isEqualTo(bright);
        }
        Rectangle constant = grid.tileBounds(1, 2);
        assertThat(Rendering.at(image, constant.x + constant.width / 2, constant.y + constant.height / 2))
                .isEqualTo(dark);
        // the 8x8 input is enlarged 7x, the 4x4 maps 14x: both about 56 px
        assertThat(grid.tileBounds(0, 0).width).isEqualTo(56);
        assertThat(grid.tileBounds(1, 0).width).isEqualTo(56);
        assertThat(grid.tileBounds(1, 0).y).isGreaterThan(grid.tileBounds(0, 0).y + 56);
    }

    @Test
    void manyChannelsWrapAtSixteenColumns() {
        FeatureMapGrid grid = new FeatureMapGrid(List.of(new FeatureMap("conv", new float[40 * 9], 40, 3, 3)), "t");
        assertThat(grid.tileBounds(0, 16).x).isEqualTo(grid.tileBounds(0, 0).x);
        assertThat(grid.tileBounds(0, 16).y).isGreaterThan(grid.tileBounds(0, 15).y);
    }

    @Test
    void badInputIsRefusedWithTheLayerName() {
        assertThatThrownBy(() -> new FeatureMap("conv2", new float[10], 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conv2")
                .hasMessageContaining("10 values");
        float[] v = new float[8];
        v[6] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> new FeatureMapGrid(List.of(new FeatureMap("conv2", v, 2, 2, 2)), "t"))
                .hasMessageContaining("conv2")
                .hasMessageContaining("channel 1");
        assertThatThrownBy(() -> new FeatureMapGrid(List.of(), "t")).hasMessageContaining("at least one");
    }
}
