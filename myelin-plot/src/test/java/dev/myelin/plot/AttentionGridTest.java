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

class AttentionGridTest {

    @TempDir
    Path dir;

    @Test
    void everyHeadSharesOneScaleFromZeroToTheLargestWeight() throws IOException {
        // head 0 attends to the first key only; head 1 spreads evenly over 4 keys (0.25 each)
        int t = 4;
        float[] w = new float[2 * t * t];
        for (int q = 0; q < t; q++) {
            w[q * t] = 1;
            for (int k = 0; k < t; k++) {
                w[t * t + q * t + k] = 0.25f;
            }
        }
        AttentionGrid grid = new AttentionGrid(List.of(new FeatureMap("layer 1", w, 2, t, t)), "attention");
        BufferedImage image = Rendering.writeBoth(grid, dir, "attention");
        Rectangle h0 = grid.tileBounds(0, 0);
        Rectangle h1 = grid.tileBounds(0, 1);
        assertThat(Rendering.at(image, h0.x + 1, h0.y + 1)).isEqualTo(Palette.viridis(1));
        assertThat(Rendering.at(image, h0.x + h0.width - 2, h0.y + 1)).isEqualTo(Palette.viridis(0));
        Color quarter = Palette.viridis(0.25);
        assertThat(Rendering.at(image, h1.x + h1.width / 2, h1.y + h1.height / 2))
                .isEqualTo(quarter);
        assertThat(h1.x).isGreaterThan(h0.x + h0.width);
    }

    @Test
    void weightsOutsideZeroToOneAreRefusedNamingTheLayer() {
        assertThatThrownBy(() -> new AttentionGrid(
                        List.of(new FeatureMap("layer 2", new float[] {0.5f, 1.5f, 0, 0}, 1, 2, 2)), "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 2")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new AttentionGrid(List.of(), "t")).hasMessageContaining("at least one layer");
    }
}
