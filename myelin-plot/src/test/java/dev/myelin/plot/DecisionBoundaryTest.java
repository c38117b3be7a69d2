package dev.myelin.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionBoundaryTest {

    @TempDir
    Path dir;

    static final float[][] XOR = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] XOR_LABELS = {0, 1, 1, 0};

    @Test
    void thresholdClassifierColorsLeftAndRightHalves() throws IOException {
        // Class 1 right of x1 = 0.5, the middle of the padded data range: region colors split the plot.
        DecisionBoundary chart =
                new DecisionBoundary(XOR, XOR_LABELS, DecisionBoundary.perPoint(p -> p[0] > 0.5f ? 1 : 0), null, 100);
        BufferedImage image = Rendering.writeBoth(chart, dir, "threshold");
        Rectangle plot = chart.plotArea();
        int inset = 6;
        int[][] corners = {
            {plot.x + inset, plot.y + inset, 0},
            {plot.x + inset, plot.y + plot.height - inset, 0},
            {plot.x + plot.width - inset, plot.y + inset, 1},
            {plot.x + plot.width - inset, plot.y + plot.height - inset, 1},
        };
        for (int[] c : corners) {
            assertThat(Rendering.at(image, c[0], c[1]))
                    .as("pixel (%d, %d)", c[0], c[1])
                    .isEqualTo(Palette.regionColor(c[2]));
        }
        // The boundary lies in the middle of the plot, where x1 = 0.5.
        int midY = plot.y + plot.height / 2 + 17; // below the middle point-free row
        assertThat(Rendering.at(image, plot.x + plot.width / 2 - 3, midY)).isEqualTo(Palette.regionColor(0));
        assertThat(Rendering.at(image, plot.x + plot.width / 2 + 3, midY)).isEqualTo(Palette.regionColor(1));
        // Data points are drawn in full class colors.
        assertThat(Rendering.count(image, Palette.classColor(0))).isGreaterThan(40);
        assertThat(Rendering.count(image, Palette.classColor(1))).isGreaterThan(40);
    }

    @Test
    void svgRasterFillsThePlotAreaOfTheVectorLayout() throws IOException {
        // The raster is placed from a layout pass on a bitmap; the SVG chart must land on the same area.
        DecisionBoundary chart = new DecisionBoundary(XOR, XOR_LABELS, p -> new int[p.length], null, 10);
        Path svg = dir.resolve("layout.svg");
        PaintingWriter.write(chart, svg);
        String text = Files.readString(svg);
        Matcher image = Pattern.compile("<image ([^>]*)").matcher(text);
        assertThat(image.find()).isTrue();
        Rectangle plot = chart.plotArea();
        assertThat(attribute(image.group(1), "x")).isCloseTo(plot.x, within(1.0));
        assertThat(attribute(image.group(1), "y")).isCloseTo(plot.y, within(1.0));
        assertThat(attribute(image.group(1), "width")).isCloseTo(plot.width, within(1.0));
        // XChart clips the plot content to its area: that clip rectangle is the vector plot area.
        Matcher clip = Pattern.compile(
                        "<rect height=\"([0-9.]+)\" width=\"([0-9.]+)\" x=\"([0-9.]+)\" y=\"([0-9.]+)\"/>")
                .matcher(text);
        assertThat(clip.find()).isTrue();
        assertThat(Double.parseDouble(clip.group(3))).isCloseTo(plot.x, within(1.0));
        assertThat(Double.parseDouble(clip.group(4))).isCloseTo(plot.y, within(1.0));
        assertThat(Double.parseDouble(clip.group(2))).isCloseTo(plot.width, within(1.0));
        assertThat(Double.parseDouble(clip.group(1))).isCloseTo(plot.height, within(1.0));
    }

    private static double attribute(String attributes, String name) {
        Matcher m = Pattern.compile("(?:^|\\s)" + name + "=\"([0-9.]+)").matcher(attributes);
        assertThat(m.find()).as("attribute %s in %s", name, attributes).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void batchClassifierSeesTheWholeGridOnceWithCellCentres() {
        AtomicInteger calls = new AtomicInteger();
        float[][][] seen = new float[1][][];
        Function<float[][], int[]> predict = points -> {
            calls.incrementAndGet();
            seen[0] = points;
            return new int[points.length];
        };
        new DecisionBoundary(new float[][] {{0, 0}, {10, 20}}, new int[] {0, 1}, predict, new String[] {"a", "b"}, 4);
        assertThat(calls).hasValue(1);
        assertThat(seen[0]).hasNumberOfRows(16);
        // x1 range [-1, 11] in 4 cells of 3: first centre -1 + 1.5; x2 range [-2, 22], top row first.
        assertThat(seen[0][0]).containsExactly(0.5f, 19f);
        assertThat(seen[0][15]).containsExactly(9.5f, 1f);
    }

    @Test
    void facadeWritesSpiralsWithThreeClasses() throws IOException {
        int perClass = 60;
        float[][] xy = new float[3 * perClass][];
        int[] labels = new int[xy.length];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < perClass; i++) {
                double r = i / (double) perClass;
                double t = k * 4 + 4 * r;
                xy[k * perClass + i] = new float[] {(float) (r * Math.sin(t)), (float) (r * Math.cos(t))};
                labels[k * perClass + i] = k;
            }
        }
        // Nearest-neighbour classifier: regions follow the spirals.
        Plots.decisionBoundary(
                xy,
                labels,
                p -> {
                    int best = 0;
                    double bestD = Double.MAX_VALUE;
                    for (int i = 0; i < xy.length; i++) {
                        double d = Math.hypot(p[0] - xy[i][0], p[1] - xy[i][1]);
                        if (d < bestD) {
                            bestD = d;
                            best = labels[i];
                        }
                    }
                    return best;
                },
                new String[] {"spiral 0", "spiral 1", "spiral 2"},
                dir.resolve("spirals.svg"));
        Rendering.assertSvg(dir.resolve("spirals.svg"));
    }

    @Test
    void badArgumentsAreNamed() {
        Function<float[][], int[]> zero = p -> new int[p.length];
        assertThatThrownBy(() -> new DecisionBoundary(XOR, new int[] {0, 1}, zero, null, 10))
                .hasMessageContaining("labels has 2 entries but xy has 4");
        assertThatThrownBy(() -> new DecisionBoundary(new float[][] {{1, 2, 3}}, new int[] {0}, zero, null, 10))
                .hasMessageContaining("xy[0] must be a 2-D point");
        assertThatThrownBy(() -> new DecisionBoundary(XOR, XOR_LABELS, p -> new int[3], null, 10))
                .hasMessageContaining("predict returned 3 classes for 100 grid points");
        assertThatThrownBy(() -> new DecisionBoundary(XOR, XOR_LABELS, zero, new String[] {"only"}, 10))
                .hasMessageContaining("classNames has 1 names");
        assertThatThrownBy(() -> new DecisionBoundary(XOR, new int[] {0, -1, 0, 0}, zero, null, 10))
                .hasMessageContaining("labels[1] is negative");
        assertThatThrownBy(() -> new DecisionBoundary(XOR, XOR_LABELS, zero, null, 0))
                .hasMessageContaining("resolution must be > 0");
    }
}
