package dev.myelin.plot;

import java.nio.file.Path;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * One call per chart: give the data and a file; {@code .png} writes a raster image, {@code .svg} a vector
 * image. Files are written atomically and missing parent directories are created. For more control
 * (resolution, grid columns), build the chart class and pass it to {@link PaintingWriter#write}.
 */
public final class Plots {

    static {
        Headless.ensure();
    }

    private Plots() {}

    /**
     * Loss and accuracy curves with the best epoch (lowest validation loss) marked; see {@link LossCurves}.
     * Any argument but {@code trainLoss} may be null.
     */
    public static void lossCurves(double[] trainLoss, double[] valLoss, double[] trainAcc, double[] valAcc, Path file) {
        lossCurves(trainLoss, valLoss, trainAcc, valAcc, LossCurves.bestEpochByValLoss(valLoss), file);
    }

    /**
     * Loss and accuracy curves with {@code bestEpoch} (1-based, or {@link LossCurves#NO_BEST_EPOCH})
     * marked, for callers whose early stopping watched another metric.
     */
    public static void lossCurves(
            double[] trainLoss, double[] valLoss, double[] trainAcc, double[] valAcc, int bestEpoch, Path file) {
        PaintingWriter.write(new LossCurves(trainLoss, valLoss, trainAcc, valAcc, bestEpoch), file);
    }

    /**
     * Hyperparameter-search progress: each trial's score as a point and the best score so far as a line, one
     * color per series (e.g. per strategy); NaN marks a failed trial. See {@link TuneChart}.
     */
    public static void tuneProgress(
            java.util.Map<String, double[]> scores, boolean higherIsBetter, String scoreName, Path file) {
        PaintingWriter.write(new TuneChart(scores, higherIsBetter, scoreName), file);
    }

    /** A forecast against the truth, step by step, as two lines; see {@link ForecastChart}. */
    public static void forecast(double[] truth, double[] forecast, String title, String yTitle, Path file) {
        PaintingWriter.write(new ForecastChart(truth, forecast, title, yTitle), file);
    }

    /** 2-D points (e.g. learned node embeddings) coloured by class, labelled points marked; see {@link EmbeddingScatter}. */
    public static void embeddings(
            float[][] xy, int[] labels, boolean[] labelled, String[] classNames, String title, Path file) {
        PaintingWriter.write(new EmbeddingScatter(xy, labels, labelled, classNames, title), file);
    }

    /** Confusion-matrix heat map, rows = true class, columns = predicted; see {@link ConfusionMatrixChart}. */
    public static void confusionMatrix(int[][] counts, String[] classNames, Path file) {
        PaintingWriter.write(new ConfusionMatrixChart(counts, classNames), file);
    }

    /** Decision regions of a one-point classifier plus the labelled points; see {@link DecisionBoundary}. */
    public static void decisionBoundary(
            float[][] xy, int[] labels, ToIntFunction<float[]> classifier, String[] classNames, Path file) {
        decisionBoundaryBatch(xy, labels, DecisionBoundary.perPoint(classifier), classNames, file);
    }

    /**
     * Decision regions of a batch classifier ({@code n x 2} points in, n classes out), which is much faster
     * for a network than one call per grid point; see {@link DecisionBoundary}.
     */
    public static void decisionBoundaryBatch(
            float[][] xy, int[] labels, Function<float[][], int[]> predict, String[] classNames, Path file) {
        PaintingWriter.write(
                new DecisionBoundary(xy, labels, predict, classNames, DecisionBoundary.DEFAULT_RESOLUTION), file);
    }

    /**
     * Heat map with contour lines of {@code loss(w1, w2)} over the given ranges, with an optional path of
     * {@code {w1, w2}} points (null for none); see {@link LossSurface}.
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
     */
    public static void imageGrid(
            float[][] images, int height, int width, int[] predicted, int[] truth, String[] classNames, Path file) {
        PaintingWriter.write(new ImageGrid(images, height, width, predicted, truth, classNames, 0), file);
    }

    /** Grid of 28 x 28 images (MNIST, Fashion-MNIST); see {@link #imageGrid(float[][], int, int, int[], int[], String[], Path)}. */
    public static void imageGrid(float[][] images, int[] predicted, int[] truth, String[] classNames, Path file) {
        imageGrid(images, 28, 28, predicted, truth, classNames, file);
    }

    /**
     * A convolution layer's kernels ({@code out * in * kh * kw} weights, PyTorch's order) as a grid on one signed
     * color scale; see {@link FilterGrid}.
     */
    public static void filters(float[] weights, int out, int in, int kh, int kw, String title, Path file) {
        PaintingWriter.write(new FilterGrid(weights, out, in, kh, kw, title), file);
    }

    /** The channels of each layer's activations for one example, one row of tiles per layer; see {@link FeatureMapGrid}. */
    public static void featureMaps(java.util.List<FeatureMap> layers, String title, Path file) {
        PaintingWriter.write(new FeatureMapGrid(layers, title), file);
    }

    /** Points in the plane, one color per series, axes fixed to [-range, range] (0: automatic); see {@link ScatterChart}. */
    public static void scatter(String title, java.util.List<ScatterChart.Series> series, double range, Path file) {
        PaintingWriter.write(new ScatterChart(title, series, range), file);
    }

    /** The attention weights of each layer's heads for one input, one heat map per head; see {@link AttentionGrid}. */
    public static void attention(java.util.List<FeatureMap> layers, String title, Path file) {
        PaintingWriter.write(new AttentionGrid(layers, title), file);
    }
}
