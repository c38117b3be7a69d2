package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCurvesTest {

    @TempDir
    Path dir;

    static final double[] TRAIN_LOSS = {2.1, 1.4, 0.9, 0.7, 0.55, 0.45, 0.40, 0.36};
    static final double[] VAL_LOSS = {2.2, 1.5, 1.0, 0.85, 0.80, 0.83, 0.88, 0.95};
    static final double[] TRAIN_ACC = {0.30, 0.55, 0.70, 0.78, 0.83, 0.86, 0.88, 0.90};
    static final double[] VAL_ACC = {0.28, 0.52, 0.66, 0.72, 0.74, 0.73, 0.72, 0.71};

    @Test
    void rendersTwoPanelsWithBestEpochMarker() throws IOException {
        LossCurves curves = new LossCurves(TRAIN_LOSS, VAL_LOSS, TRAIN_ACC, VAL_ACC, 5);
        BufferedImage image = Rendering.writeBoth(curves, dir, "curves");
        assertThat(image.getWidth()).isEqualTo(2 * LossCurves.PANEL_WIDTH);
        // The dashed marker line is drawn in its own color in both panels.
        int left = 0;
        int right = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (LossCurves.BEST_EPOCH_COLOR.getRGB() & 0xffffff)) {
                    if (x < LossCurves.PANEL_WIDTH) {
                        left++;
                    } else {
                        right++;
                    }
                }
            }
        }
        assertThat(left).isGreaterThan(50);
        assertThat(right).isGreaterThan(50);
    }

    @Test
    void lossOnlyGivesOnePanelWithoutMarker() throws IOException {
        LossCurves curves = new LossCurves(TRAIN_LOSS, null, null, null, LossCurves.NO_BEST_EPOCH);
        BufferedImage image = Rendering.writeBoth(curves, dir, "loss-only");
        assertThat(image.getWidth()).isEqualTo(LossCurves.PANEL_WIDTH);
        assertThat(Rendering.count(image, LossCurves.BEST_EPOCH_COLOR)).isZero();
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(100);
    }

    @Test
    void manyEpochsAndNonFiniteValuesStillRender() throws IOException {
        double[] train = new double[200];
        double[] val = new double[200];
        for (int i = 0; i < train.length; i++) {
            train[i] = Math.exp(-i / 50.0);
            val[i] = Math.exp(-i / 60.0) + 0.001 * i;
        }
        val[7] = Double.NaN;
        val[8] = Double.POSITIVE_INFINITY;
        train[9] = Double.NEGATIVE_INFINITY;
        BufferedImage image = Rendering.writeBoth(
                new LossCurves(train, val, null, null, LossCurves.bestEpochByValLoss(val)), dir, "long");
        assertThat(image.getWidth()).isEqualTo(LossCurves.PANEL_WIDTH); // no accuracies: one panel
        assertThat(Rendering.count(image, Palette.classColor(0)))
                .as("train series pixels")
                .isGreaterThan(100);
        assertThat(Rendering.count(image, Palette.classColor(1)))
                .as("validation series pixels")
                .isGreaterThan(100);
    }

    @Test
    void singleEpochRenders() throws IOException {
        BufferedImage image = Rendering.writeBoth(
                new LossCurves(new double[] {0.7}, new double[] {0.8}, new double[] {0.5}, null, 1), dir, "one");
        assertThat(image.getWidth()).isEqualTo(2 * LossCurves.PANEL_WIDTH); // loss and accuracy panels
        // One epoch is one point per series: drawn as a marker in the series' colour.
        assertThat(Rendering.count(image, Palette.classColor(0)))
                .as("train point pixels")
                .isGreaterThan(5);
        assertThat(Rendering.count(image, Palette.classColor(1)))
                .as("validation point pixels")
                .isGreaterThan(5);
    }

    @Test
    void bestEpochIsFirstMinimumOfValidationLossCountedFromOne() {
        assertThat(LossCurves.bestEpochByValLoss(VAL_LOSS)).isEqualTo(5);
        assertThat(LossCurves.bestEpochByValLoss(new double[] {3, 1, 1, 2})).isEqualTo(2);
        assertThat(LossCurves.bestEpochByValLoss(new double[] {Double.NaN, 4, Double.NaN}))
                .isEqualTo(2);
        assertThat(LossCurves.bestEpochByValLoss(new double[] {Double.NaN})).isEqualTo(LossCurves.NO_BEST_EPOCH);
        assertThat(LossCurves.bestEpochByValLoss(null)).isEqualTo(LossCurves.NO_BEST_EPOCH);
    }

    @Test
    void facadeWritesPngAndSvg() throws IOException {
        Plots.lossCurves(TRAIN_LOSS, VAL_LOSS, TRAIN_ACC, VAL_ACC, dir.resolve("a.png"));
        Plots.lossCurves(TRAIN_LOSS, VAL_LOSS, TRAIN_ACC, VAL_ACC, dir.resolve("a.SVG"));
        assertThat(javax.imageio.ImageIO.read(dir.resolve("a.png").toFile()).getWidth())
                .isEqualTo(1120);
        Rendering.assertSvg(dir.resolve("a.SVG"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new LossCurves(null, null, null, null, 0)).hasMessageContaining("trainLoss");
        assertThatThrownBy(() -> new LossCurves(new double[0], null, null, null, 0))
                .hasMessageContaining("trainLoss must not be empty");
        assertThatThrownBy(() -> new LossCurves(TRAIN_LOSS, new double[3], null, null, 0))
                .hasMessageContaining("valLoss has 3 entries but trainLoss has 8");
        assertThatThrownBy(() -> new LossCurves(TRAIN_LOSS, null, null, new double[2], 0))
                .hasMessageContaining("valAcc");
        assertThatThrownBy(() -> new LossCurves(TRAIN_LOSS, null, null, null, 9))
                .hasMessageContaining("bestEpoch must be in 1..8");
    }
}
