package dev.myelin.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch produced: the mean training loss (and the course's total error, the sum over all
 * examples), the metric on the training batches, the validation loss and metric (NaN without a
 * validation set), the learning rate used, and timings.
 */
public record EpochLogs(int epoch, double trainLoss, double totalError, double trainMetric, double valLoss, double valMetric,
                        double learningRate, double seconds, double samplesPerSecond) {

    /** Looks up a monitored quantity by its Keras-style name: loss, val_loss, metric/accuracy, val_metric/val_accuracy. */
    public double get(String name) {
        return switch (name) {
            case "loss", "train_loss" -> trainLoss;
            case "total_error" -> totalError;
            case "metric", "accuracy", "train_metric", "train_accuracy" -> trainMetric;
            case "val_loss" -> valLoss;
            case "val_metric", "val_accuracy" -> valMetric;
            case "lr" -> learningRate;
            default -> throw new IllegalArgumentException("unknown monitor '" + name
                    + "'; use loss, val_loss, accuracy, val_accuracy, total_error or lr");
        };
    }

    /** One readable line, e.g. "epoch 3/10  loss 0.4120  metric 0.8512  val_loss 0.4410  1.20s  50000 samples/s"; NaN fields are left out. */
    public String summaryLine(int totalEpochs) {
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "epoch %d/%d  loss %.4f", epoch, totalEpochs, trainLoss));
        if (!Double.isNaN(trainMetric)) line.append(String.format(java.util.Locale.ROOT, "  metric %.4f", trainMetric));
        if (!Double.isNaN(valLoss)) line.append(String.format(java.util.Locale.ROOT, "  val_loss %.4f", valLoss));
        if (!Double.isNaN(valMetric)) line.append(String.format(java.util.Locale.ROOT, "  val_metric %.4f", valMetric));
        return line.append(String.format(java.util.Locale.ROOT, "  %.2fs  %.0f samples/s", seconds, samplesPerSecond)).toString();
    }

    /** Column name → value, in the order of history.csv. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("loss", trainLoss);
        m.put("total_error", totalError);
        m.put("metric", trainMetric);
        m.put("val_loss", valLoss);
        m.put("val_metric", valMetric);
        m.put("lr", learningRate);
        m.put("seconds", seconds);
        m.put("samples_per_second", samplesPerSecond);
        return m;
    }
}
