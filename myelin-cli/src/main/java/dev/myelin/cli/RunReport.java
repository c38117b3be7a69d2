package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.TensorDataset;
import dev.myelin.loss.Loss;
import dev.myelin.metrics.Average;
import dev.myelin.metrics.ClassificationMetrics;
import dev.myelin.metrics.ClassificationReport;
import dev.myelin.metrics.ConfusionMatrix;
import dev.myelin.metrics.RegressionMetrics;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Test-set results of a trained model: loss, accuracy or regression metrics, confusion matrix, predictions. */
record RunReport(
        boolean classification,
        double loss,
        double accuracy,
        double mse,
        double mae,
        double r2,
        int[][] confusion,
        int[] predicted,
        int[] truth,
        List<String> classNames,
        double macroF1) {

    static RunReport evaluate(Module model, Loss criterion, TensorDataset test, LoadedData data) {
        Tensor out = predict(model, test.features());
        double loss;
        try (var ignored = NoGrad.enter()) {
            loss = criterion.forward(out, test.targets()).item();
        }
        if (!data.classification()) {
            float[] p = out.data(), t = test.targets().data();
            return new RunReport(
                    false,
                    loss,
                    Double.NaN,
                    RegressionMetrics.mse(t, p),
                    RegressionMetrics.mae(t, p),
                    RegressionMetrics.r2(t, p),
                    null,
                    null,
                    null,
                    List.of(),
                    Double.NaN);
        }
        int n = test.size(), k = data.outputs();
        int[] predicted = new int[n], truth = new int[n];
        float[] o = out.data(), t = test.targets().data();
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (o[i * k + j] > o[i * k + best]) best = j;
            predicted[i] = best;
            truth[i] = (int) t[i];
        }
        int[] labels = java.util.stream.IntStream.range(0, k).toArray();
        return new RunReport(
                true,
                loss,
                ClassificationMetrics.accuracy(truth, predicted),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                ConfusionMatrix.compute(truth, predicted, labels),
                predicted,
                truth,
                data.classNames(),
                ClassificationMetrics.f1(truth, predicted, Average.MACRO));
    }

    /** Forward pass in eval mode without a graph, in chunks so large test sets need little memory. */
    static Tensor predict(Module model, Tensor x) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var ignored = NoGrad.enter()) {
            int n = x.size(0), chunk = 2048;
            if (n <= chunk) return model.forward(x);
            List<Tensor> parts = new java.util.ArrayList<>();
            for (int s = 0; s < n; s += chunk) parts.add(model.forward(x.narrow(0, s, Math.min(chunk, n - s))));
            return Tensor.cat(parts, 0);
        } finally {
            model.train(wasTraining);
        }
    }

    /** scikit-learn's classification_report text, with class names. */
    String classificationReport() {
        // every class of the model, so a test set without some class still lines up with the names
        int[] labels = java.util.stream.IntStream.range(0, classNames.size()).toArray();
        return ClassificationReport.of(truth, predicted, labels, classNames.toArray(String[]::new), 4);
    }

    String headline() {
        return classification
                ? String.format(
                        Locale.ROOT,
                        "test accuracy %.4f  macro F1 %.4f  loss %.4f  (%d examples)",
                        accuracy,
                        macroF1,
                        loss,
                        predicted.length)
                : String.format(Locale.ROOT, "test MSE %.4f  MAE %.4f  R² %.4f", mse, mae, r2);
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", loss);
        if (classification) {
            m.put("accuracy", accuracy);
            m.put("macro_f1", macroF1);
            m.put("confusion_matrix", confusion);
            m.put("classes", classNames);
        } else {
            m.put("mse", mse);
            m.put("mae", mae);
            m.put("r2", r2);
        }
        return m;
    }
}
