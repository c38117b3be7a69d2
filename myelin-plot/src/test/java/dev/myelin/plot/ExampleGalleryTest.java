package dev.myelin.plot;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes one example of each chart to the directory named by {@code -Dmyelin.plot.examples=DIR}, for the
 * README and for looking at them; skipped otherwise.
 */
@EnabledIfSystemProperty(named = "myelin.plot.examples", matches = ".+")
class ExampleGalleryTest {

    @Test
    void writeExamples() {
        Path dir = Path.of(System.getProperty("myelin.plot.examples"));
        Plots.lossCurves(LossCurvesTest.TRAIN_LOSS, LossCurvesTest.VAL_LOSS, LossCurvesTest.TRAIN_ACC,
                LossCurvesTest.VAL_ACC, dir.resolve("loss-curves.png"));

        String[] fashion = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
            "Bag", "Ankle boot"};
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
            xy[i] = new float[] {(float) (Math.cos(a) + 0.1 * random.nextGaussian()),
                (float) (Math.sin(a) + 0.1 * random.nextGaussian())};
            xy[n + i] = new float[] {(float) (1 - Math.cos(a) + 0.1 * random.nextGaussian()),
                (float) (0.5 - Math.sin(a) + 0.1 * random.nextGaussian())};
            labels[n + i] = 1;
        }
        Plots.decisionBoundary(xy, labels, p -> p[1] > 0.25 - 0.6 * Math.sin(2.2 * (p[0] - 0.5)) * 0.6 ? 0 : 1,
                new String[] {"moon 0", "moon 1"}, dir.resolve("decision-boundary.png"));

        Plots.lossSurface(LossSurfaceTest.BOWL, -3, 3, -3, 3, LossSurfaceTest.descent(15, 0.2),
                dir.resolve("loss-surface.png"));

        float[][] images = ImageGridTest.images(16, 28, 28);
        int[] truth = new int[16];
        int[] predicted = new int[16];
        for (int i = 0; i < 16; i++) {
            truth[i] = i % 10;
            predicted[i] = i % 5 == 3 ? (i + 6) % 10 : truth[i];
        }
        Plots.imageGrid(images, predicted, truth, fashion, dir.resolve("image-grid.png"));
        Plots.imageGrid(images, predicted, truth, fashion, dir.resolve("image-grid.svg"));
        Plots.decisionBoundary(xy, labels, p -> p[0] > 0.5 ? 1 : 0, null, dir.resolve("decision-boundary.svg"));
    }
}
