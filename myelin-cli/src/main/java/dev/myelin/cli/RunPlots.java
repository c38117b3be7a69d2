package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.nn.Module;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.History;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The plots of a run directory: curves, confusion matrix, sample images, decision boundary for 2-D data, and for
 * convolutional models their filters and feature maps (a series' forecast plot is {@link ForecastReport}'s).
 */
final class RunPlots {
    private RunPlots() {}

    static void write(Path dir, History h, RunReport report, Module model, TensorDataset test, LoadedData data) {
        boolean hasVal = h.epochs().stream().anyMatch(e -> !Double.isNaN(e.valLoss()));
        Plots.lossCurves(
                h.series("loss"),
                hasVal ? h.series("val_loss") : null,
                data.classification() ? h.series("metric") : null,
                data.classification() && hasVal ? h.series("val_metric") : null,
                h.bestEpoch() > 0 ? h.bestEpoch() : dev.myelin.plot.LossCurves.NO_BEST_EPOCH,
                dir.resolve("curves.png"));
        if (ConvPictures.applies(model) && test.size() > 0)
            ConvPictures.write(
                    dir,
                    model,
                    test.features().narrow(0, 0, 1),
                    data.classification()
                            ? "test example 0 (true " + data.classNames().get(report.truth()[0]) + ", predicted "
                                    + data.classNames().get(report.predicted()[0]) + ")"
                            : "test example 0");
        if (!data.classification()) return;
        String[] names = data.classNames().toArray(String[]::new);
        Plots.confusionMatrix(report.confusion(), names, dir.resolve("confusion.png"));
        float[][] rows = rowsOf(test.features(), Math.min(test.size(), data.imageShape() != null ? 24 : test.size()));
        if (data.imageShape() != null) {
            int[] hw = data.imageShape();
            Plots.imageGrid(
                    rows,
                    hw[0],
                    hw[1],
                    Arrays.copyOf(report.predicted(), rows.length),
                    Arrays.copyOf(report.truth(), rows.length),
                    names,
                    dir.resolve("samples.png"));
        } else if (data.features() == 2 && data.sequenceShape() == null) {
            Plots.decisionBoundaryBatch(
                    rows,
                    report.truth(),
                    points -> classify(model, points, data.outputs()),
                    names,
                    dir.resolve("decision-boundary.png"));
        }
    }

    static int[] classify(Module model, float[][] points, int classes) {
        Tensor out = RunReport.predict(model, Tensor.fromRows(points));
        int[] labels = new int[points.length];
        float[] o = out.data();
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) if (o[i * classes + j] > o[i * classes + best]) best = j;
            labels[i] = best;
        }
        return labels;
    }

    static float[][] rowsOf(Tensor x, int n) {
        int cols = x.numel() / Math.max(x.size(0), 1);
        float[][] rows = new float[n][cols];
        for (int i = 0; i < n; i++) System.arraycopy(x.data(), i * cols, rows[i], 0, cols);
        return rows;
    }
}
