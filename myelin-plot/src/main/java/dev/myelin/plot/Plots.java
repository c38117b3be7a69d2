package dev.myelin.plot;

import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One call per chart: give the data and a file; {@code .png} writes a raster image, {@code .svg} a vector
 * image. Files are written atomically and missing parent directories are created. For more control
 * (resolution, grid columns), build the chart class and pass it to {@link PaintingWriter#write}.
 *
 * <pre>{@code
 * double[] trainLoss = {0.92, 0.51, 0.37}, valLoss = {0.95, 0.60, 0.58};
 * Plots.lossCurves(trainLoss, valLoss, null, null, Path.of("runs/loss.png"));
 * Plots.confusionMatrix(new int[][] {{50, 2}, {5, 43}}, new String[] {"cat", "dog"}, Path.of("runs/confusion.svg"));
 * }</pre>
 */
public final class Plots {

    static {
        Headless.ensure();
    }

    private Plots() {}

    /**
     * Loss and accuracy curves with the best epoch (lowest validation loss) marked; see {@link LossCurves}.
     * Any argument but {@code trainLoss} may be null.
     *
     * @param trainLoss training loss per epoch, not empty
     * @param valLoss validation loss per epoch, or null
     * @param trainAcc training accuracy per epoch, or null
     * @param valAcc validation accuracy per epoch, or null
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void lossCurves(double[] trainLoss, double[] valLoss, double[] trainAcc, double[] valAcc, Path file) {
        lossCurves(trainLoss, valLoss, trainAcc, valAcc, LossCurves.bestEpochByValLoss(valLoss), file);
    }

    /**
     * Loss and accuracy curves with {@code bestEpoch} (1-based, or {@link LossCurves#NO_BEST_EPOCH})
     * marked, for callers whose early stopping watched another metric.
     *
     * @param trainLoss training loss per epoch, not empty
     * @param valLoss validation loss per epoch, or null
     * @param trainAcc training accuracy per epoch, or null
     * @param valAcc validation accuracy per epoch, or null
     * @param bestEpoch the 1-based epoch to mark, or {@link LossCurves#NO_BEST_EPOCH}
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void lossCurves(
            double[] trainLoss, double[] valLoss, double[] trainAcc, double[] valAcc, int bestEpoch, Path file) {
        PaintingWriter.write(new LossCurves(trainLoss, valLoss, trainAcc, valAcc, bestEpoch), file);
    }

    /**
     * Hyperparameter-search progress: each trial's score as a point and the best score so far as a line, one
     * color per series (e.g. per strategy); NaN marks a failed trial. See {@link TuneChart}.
     *
     * @param scores per series (name to the score of trial 0, 1, ...), in legend order
     * @param higherIsBetter whether the best so far is the running maximum (accuracy) or minimum (loss)
     * @param scoreName the y-axis title, e.g. "val_accuracy"
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void tuneProgress(
            java.util.Map<String, double[]> scores, boolean higherIsBetter, String scoreName, Path file) {
        PaintingWriter.write(new TuneChart(scores, higherIsBetter, scoreName), file);
    }

    /**
     * A forecast against the truth, step by step, as two lines; see {@link ForecastChart}.
     *
     * @param truth the observed values, one per step, not empty
     * @param forecast the forecast values for the same steps
     * @param title the chart title
     * @param yTitle what the values are (a column name and unit)
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void forecast(double[] truth, double[] forecast, String title, String yTitle, Path file) {
        PaintingWriter.write(new ForecastChart(truth, forecast, title, yTitle), file);
    }

    /**
     * 2-D points (e.g. learned node embeddings) coloured by class, labelled points marked; see
     * {@link EmbeddingScatter}.
     *
     * @param xy one {@code {x, y}} pair per point
     * @param labels each point's class, in [0, classNames.length)
     * @param labelled whether each point was labelled in training (drawn larger), or null for none
     * @param classNames the legend's class names
     * @param title the chart title
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void embeddings(
            float[][] xy, int[] labels, boolean[] labelled, String[] classNames, String title, Path file) {
        PaintingWriter.write(new EmbeddingScatter(xy, labels, labelled, classNames, title), file);
    }

    /**
     * Confusion-matrix heat map, rows = true class, columns = predicted; see {@link ConfusionMatrixChart}.
     *
     * @param counts {@code counts[t][p]} = number of samples of true class t predicted as p; square
     * @param classNames one name per class, or null for "0", "1", ...
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void confusionMatrix(int[][] counts, String[] classNames, Path file) {
        PaintingWriter.write(new ConfusionMatrixChart(counts, classNames), file);
    }

    /**
     * Decision regions of a one-point classifier plus the labelled points, on a 200 x 200 grid; see
     * {@link DecisionBoundary}.
     *
     * @param xy the points, one {@code {x1, x2}} per row
     * @param labels the true class of each point, from 0
     * @param classifier maps one {@code {x1, x2}} point to its class
     * @param classNames a name per class for the legend, or null for "class 0", "class 1", ...
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void decisionBoundary(
            float[][] xy, int[] labels, ToIntFunction<float[]> classifier, String[] classNames, Path file) {
        decisionBoundaryBatch(xy, labels, DecisionBoundary.perPoint(classifier), classNames, file);
    }

    /**
     * Decision regions of a batch classifier ({@code n x 2} points in, n classes out), which is much faster
     * for a network than one call per grid point; see {@link DecisionBoundary}.
     *
     * @param xy the points, one {@code {x1, x2}} per row
     * @param labels the true class of each point, from 0
     * @param predict maps a batch of points to their predicted classes (called once, on the 200 x 200 grid)
     * @param classNames a name per class for the legend, or null for "class 0", "class 1", ...
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void decisionBoundaryBatch(
            float[][] xy, int[] labels, Function<float[][], int[]> predict, String[] classNames, Path file) {
        PaintingWriter.write(
                new DecisionBoundary(xy, labels, predict, classNames, DecisionBoundary.DEFAULT_RESOLUTION), file);
    }

    /**
     * Heat map with contour lines of {@code loss(w1, w2)} over the given ranges, with an optional path of
     * {@code {w1, w2}} points (null for none); see {@link LossSurface}.
     *
     * @param loss the loss at weights (w1, w2), evaluated on a 200 x 200 grid
     * @param w1Min left end of the w1 axis
     * @param w1Max right end of the w1 axis
     * @param w2Min bottom end of the w2 axis
     * @param w2Max top end of the w2 axis
     * @param path weights visited in order, one {@code {w1, w2}} per row, or null for none
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void lossSurface(
            DoubleBinaryOperator loss,
            double w1Min,
            double w1Max,
            double w2Min,
            double w2Max,
            double[][] path,
            Path file) {
        PaintingWriter.write(
                new LossSurface(loss, w1Min, w1Max, w2Min, w2Max, path, LossSurface.DEFAULT_RESOLUTION), file);
    }

    /**
     * Grid of grayscale images captioned "predicted / true" (wrong ones in red); each image is
     * {@code height * width} row-major values; see {@link ImageGrid}.
     *
     * @param images one image per row
     * @param height image height in pixels
     * @param width image width in pixels
     * @param predicted predicted class per image, or null
     * @param truth true class per image, or null
     * @param classNames a name per class, or null to show class numbers
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void imageGrid(
            float[][] images, int height, int width, int[] predicted, int[] truth, String[] classNames, Path file) {
        PaintingWriter.write(new ImageGrid(images, height, width, predicted, truth, classNames, 0), file);
    }

    /**
     * Grid of 28 x 28 images (MNIST, Fashion-MNIST); see
     * {@link #imageGrid(float[][], int, int, int[], int[], String[], Path)}.
     *
     * @param images one image of 784 row-major values per row
     * @param predicted predicted class per image, or null
     * @param truth true class per image, or null
     * @param classNames a name per class, or null to show class numbers
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void imageGrid(float[][] images, int[] predicted, int[] truth, String[] classNames, Path file) {
        imageGrid(images, 28, 28, predicted, truth, classNames, file);
    }

    /**
     * A convolution layer's kernels ({@code out * in * kh * kw} weights, PyTorch's order) as a grid on one signed
     * color scale; see {@link FilterGrid}.
     *
     * @param weights the layer's weights, e.g. a {@code Conv2d}'s [out, in, kh, kw] weight's values
     * @param out the output channels
     * @param in the input channels per group
     * @param kh the kernel height
     * @param kw the kernel width
     * @param title a heading, e.g. which layer this is
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void filters(float[] weights, int out, int in, int kh, int kw, String title, Path file) {
        PaintingWriter.write(new FilterGrid(weights, out, in, kh, kw, title), file);
    }

    /**
     * The channels of each layer's activations for one example, one row of tiles per layer; see
     * {@link FeatureMapGrid}.
     *
     * @param layers one [C, H, W] map per layer, in the order they are drawn
     * @param title the picture's heading
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void featureMaps(java.util.List<FeatureMap> layers, String title, Path file) {
        PaintingWriter.write(new FeatureMapGrid(layers, title), file);
    }

    /**
     * Points in the plane, one color per series, axes fixed to [-range, range] (0: automatic); see
     * {@link ScatterChart}.
     *
     * @param title the chart title
     * @param series one or more series, drawn in order (later ones on top)
     * @param range the axes' half-width around the origin, or 0 for automatic axes
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void scatter(String title, java.util.List<ScatterChart.Series> series, double range, Path file) {
        PaintingWriter.write(new ScatterChart(title, series, range), file);
    }

    /**
     * The attention weights of each layer's heads for one input, one heat map per head; see {@link AttentionGrid}.
     *
     * @param layers one [heads, queries, keys] map of weights in [0, 1] per layer
     * @param title the picture's heading
     * @param file the output file, {@code .png} or {@code .svg}; replaced if it exists
     * @throws IllegalArgumentException if the data are invalid (see the chart class) or the extension is not
     *     supported
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void attention(java.util.List<FeatureMap> layers, String title, Path file) {
        PaintingWriter.write(new AttentionGrid(layers, title), file);
    }
}
