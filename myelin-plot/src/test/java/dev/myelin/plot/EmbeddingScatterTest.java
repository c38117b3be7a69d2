package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingScatterTest {

    @TempDir
    Path dir;

    @Test
    void drawsEachClassInItsColor() throws IOException {
        float[][] xy = new float[40][];
        int[] labels = new int[40];
        boolean[] labelled = new boolean[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2;
            xy[i] = new float[] {labels[i] * 3 + (float) Math.cos(i), labels[i] * 3 + (float) Math.sin(i)};
            labelled[i] = i < 4;
        }
        BufferedImage image = Rendering.writeBoth(
                new EmbeddingScatter(xy, labels, labelled, new String[] {"a", "b"}, "embeddings"), dir, "emb");
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(100);
        assertThat(Rendering.count(image, Palette.classColor(1))).isGreaterThan(100);
    }

    @Test
    void refusesBadPoints() {
        assertThatThrownBy(() -> new EmbeddingScatter(
                        new float[][] {{0, Float.NaN}}, new int[] {0}, null, new String[] {"a"}, "t"))
                .hasMessageContaining("point 0 is not two finite numbers");
        assertThatThrownBy(() ->
                        new EmbeddingScatter(new float[][] {{0, 0}}, new int[] {2}, null, new String[] {"a"}, "t"))
                .hasMessageContaining("label 2 of point 0 is outside [0, 1)");
    }
}
