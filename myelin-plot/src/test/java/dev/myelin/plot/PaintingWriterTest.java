package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaintingWriterTest {

    @TempDir
    Path dir;

    /** Left half red, right half blue. */
    static final Painting HALVES = new Painting() {
        @Override
        public int width() {
            return 40;
        }

        @Override
        public int height() {
            return 10;
        }

        @Override
        public void paint(Graphics2D g) {
            g.setColor(Color.RED);
            g.fillRect(0, 0, 20, 10);
            g.setColor(Color.BLUE);
            g.fillRect(20, 0, 20, 10);
        }
    };

    @Test
    void formatComesFromTheExtension() {
        assertThat(ImageFormat.of(Path.of("a/b.png"))).isEqualTo(ImageFormat.PNG);
        assertThat(ImageFormat.of(Path.of("B.SVG"))).isEqualTo(ImageFormat.SVG);
        assertThatThrownBy(() -> ImageFormat.of(Path.of("plot.jpg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plot.jpg")
                .hasMessageContaining(".png")
                .hasMessageContaining(".svg");
        assertThatThrownBy(() -> ImageFormat.of(Path.of("plot"))).hasMessageContaining("unsupported extension");
    }

    @Test
    void pngHasThePaintedPixels() throws IOException {
        Path file = dir.resolve("halves.png");
        PaintingWriter.write(HALVES, file);
        var image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getRGB(5, 5) & 0xffffff).isEqualTo(0xff0000);
        assertThat(image.getRGB(35, 5) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void svgHasTheSizeAndShapes() throws IOException {
        Path file = dir.resolve("halves.svg");
        PaintingWriter.write(HALVES, file);
        Rendering.assertSvg(file);
        String svg = Files.readString(file);
        assertThat(svg)
                .contains("width=\"40")
                .contains("height=\"10")
                .contains("rgb(255,0,0)")
                .contains("rgb(0,0,255)");
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path file = dir.resolve("sub/dir/out.png");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        PaintingWriter.write(HALVES, file);
        assertThat(ImageIO.read(file.toFile())).isNotNull();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void createsMissingDirectories() {
        Path file = dir.resolve("new/nested/out.svg");
        PaintingWriter.write(HALVES, file);
        assertThat(file).isNotEmptyFile();
    }

    @Test
    void unwritableTargetIsReportedWithItsPath() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("out.png"); // parent is a regular file
        assertThatThrownBy(() -> PaintingWriter.write(HALVES, file)).hasMessageContaining(file.toString());
    }
}
