package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes one example of each chart, for the README and for looking at them (SVG versions go to DIR/svg), and
 * checks every file: to {@code -Dmyelin.plot.examples=DIR} if given, else to a temporary directory (the normal build).
 */
class ExampleGalleryTest {

    @TempDir
    Path temp;

    @Test
    void writeExamples() throws IOException {
        String asked = System.getProperty("myelin.plot.examples");
        Path dir = asked == null || asked.isBlank() ? temp : Path.of(asked);
        Plots.lossCurves(
                LossCurvesTest.TRAIN_LOSS,
                LossCurvesTest.VAL_LOSS,
                LossCurvesTest.TRAIN_ACC,
                LossCurvesTest.VAL_ACC,
                dir.resolve("loss-curves.png"));

        String[] fashion = {
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
        };
        int[][] counts = new int[10][10];
        for (int t = 0; t < 10; t++) {
            for (int p = 0; p < 10; p++) {
                counts[t][p] = t == p ? 820 + 17 * t : (t * 7 + p * 3) % 29;
            }
        }
        counts[6][0] = 121;
        counts[0][6] = 96;
        Plots.confusionMatrix(counts, fashion, dir.resolve("confusion-matrix.png"));

        // Two moons, classified by a hand-made curved rule.
        int n = 100;
        float[][] xy = new float[2 * n][];
        int[] labels = new int[2 * n];
        java.util.Random random = new java.util.Random(0);
        for (int i = 0; i < n; i++) {
            double a = Math.PI * i / (n - 1);
            xy[i] = new float[] {
                (float) (Math.cos(a) + 0.1 * random.nextGaussian()), (float) (Math.sin(a) + 0.1 * random.nextGaussian())
            };
            xy[n + i] = new float[] {
                (float) (1 - Math.cos(a) + 0.1 * random.nextGaussian()),
                (float) (0.5 - Math.sin(a) + 0.1 * random.nextGaussian())
            };
            labels[n + i] = 1;
        }
        Plots.decisionBoundary(
                xy,
                labels,
                p -> p[1] > 0.25 - 0.6 * Math.sin(2.2 * (p[0] - 0.5)) * 0.6 ? 0 : 1,
                new String[] {"moon 0", "moon 1"},
                dir.resolve("decision-boundary.png"));

        Plots.lossSurface(
                LossSurfaceTest.BOWL, -3, 3, -3, 3, LossSurfaceTest.descent(15, 0.2), dir.resolve("loss-surface.png"));

        float[][] images = ImageGridTest.images(16, 28, 28);
        int[] truth = new int[16];
        for (int i = 0; i < 16; i++) {
            truth[i] = i % 10;
        }
        Path fashionDir = Path.of("/usr/share/datasets/fashion-mnist");
        if (Files.isReadable(fashionDir.resolve("t10k-images-idx3-ubyte.gz"))) {
            images = readIdxImages(fashionDir.resolve("t10k-images-idx3-ubyte.gz"), 16);
            truth = readIdxLabels(fashionDir.resolve("t10k-labels-idx1-ubyte.gz"), 16);
        }
        int[] predicted = truth.clone();
        for (int i = 3; i < 16; i += 5) {
            predicted[i] = (truth[i] + 6) % 10; // a few mistakes to show the red captions
        }
        Plots.imageGrid(images, predicted, truth, fashion, dir.resolve("image-grid.png"));
        Plots.imageGrid(images, predicted, truth, fashion, dir.resolve("svg/image-grid.svg"));
        Plots.decisionBoundary(xy, labels, p -> p[0] > 0.5 ? 1 : 0, null, dir.resolve("svg/decision-boundary.svg"));
        Plots.lossSurface(
                LossSurfaceTest.BOWL,
                -3,
                3,
                -3,
                3,
                LossSurfaceTest.descent(15, 0.2),
                dir.resolve("svg/loss-surface.svg"));
        Plots.confusionMatrix(counts, fashion, dir.resolve("svg/confusion-matrix.svg"));
        Plots.lossCurves(
                LossCurvesTest.TRAIN_LOSS,
                LossCurvesTest.VAL_LOSS,
                LossCurvesTest.TRAIN_ACC,
                LossCurvesTest.VAL_ACC,
                dir.resolve("svg/loss-curves.svg"));

        for (String name :
                List.of("loss-curves", "confusion-matrix", "decision-boundary", "loss-surface", "image-grid")) {
            BufferedImage image = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertThat(image).as(name + ".png decodes").isNotNull();
            assertThat(distinctColours(image)).as(name + ".png is not blank").isGreaterThan(10);
            Rendering.assertSvg(dir.resolve("svg/" + name + ".svg"));
        }
        BufferedImage curves = ImageIO.read(dir.resolve("loss-curves.png").toFile());
        assertThat(curves.getWidth()).isEqualTo(2 * LossCurves.PANEL_WIDTH);
        assertThat(Rendering.count(curves, Palette.classColor(0)))
                .as("train series pixels")
                .isGreaterThan(100);
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** The first n images of an IDX3 file (gzip), scaled to [0, 1]; example code, no validation. */
    private static float[][] readIdxImages(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            float[][] images = new float[n][rows * cols];
            for (float[] image : images) {
                for (int p = 0; p < image.length; p++) {
                    image[p] = in.readUnsignedByte() / 255f;
                }
            }
            return images;
        }
    }

    private static int[] readIdxLabels(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            in.readInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        }
    }
}
