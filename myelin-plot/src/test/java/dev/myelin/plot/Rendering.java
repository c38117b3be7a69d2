package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Test helpers: write a painting as PNG and SVG and check both files decode. */
final class Rendering {

    private Rendering() {}

    /** Writes PNG and SVG under {@code dir}, checks both, and returns the decoded PNG. */
    static BufferedImage writeBoth(Painting painting, Path dir, String name) throws IOException {
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        PaintingWriter.write(painting, png);
        PaintingWriter.write(painting, svg);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decoded %s", png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(painting.width());
        assertThat(image.getHeight()).isEqualTo(painting.height());
        assertSvg(svg);
        return image;
    }

    static void assertSvg(Path svg) throws IOException {
        assertThat(Files.size(svg)).isGreaterThan(100);
        String text = Files.readString(svg, StandardCharsets.UTF_8).stripLeading();
        assertThat(text)
                .satisfiesAnyOf(
                        t -> assertThat(t).startsWith("<?xml"),
                        t -> assertThat(t).startsWith("<svg"));
        assertThat(text).contains("<svg").contains("</svg>");
    }

    static int count(BufferedImage image, Color color) {
        int n = 0;
        int rgb = color.getRGB() & 0xffffff;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    static Color at(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y) & 0xffffff);
    }
}
