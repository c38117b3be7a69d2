package dev.myelin.train;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one epoch produced: the epoch's values by name, in the history's column order, and timings. The
 * default step logs the mean training loss (and the course's total error, the sum over all examples), the
 * metric on the training batches, the validation loss and metric (NaN without a validation set) and the
 * learning rate; a custom {@link TrainStep} logs its own names (e.g. d_loss, g_loss, val_d_loss, lr_generator).
 *
 * @param epoch the epoch, from 1
 * @param values the logged values by name, in column order (copied, unmodifiable)
 * @param seconds the epoch's wall time, training and validation
 * @param samplesPerSecond training samples per second of {@code seconds}
 */
public record EpochLogs(int epoch, Map<String, Double> values, double seconds, double samplesPerSecond) {
    /** The columns of the default step, in order. */
    static final List<String> SUPERVISED = List.of("loss", "total_error", "metric", "val_loss", "val_metric", "lr");
    /** Keras-style names that stand for a column of the default step. */
    private static final Map<String, String> ALIASES = Map.of(
            "train_loss",
            "loss",
            "accuracy",
            "metric",
            "train_metric",
            "metric",
            "train_accuracy",
            "metric",
            "val_accuracy",
            "val_metric");

    /**
     * Copies the values, keeping their order.
     *
     * @param epoch the epoch, from 1
     * @param values the logged values by name, in column order
     * @param seconds the epoch's wall time
     * @param samplesPerSecond training samples per second
     */
    public EpochLogs {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The logs of the default step, in its column order.
     *
     * @param epoch the epoch, from 1
     * @param trainLoss the mean training loss ("loss")
     * @param totalError the sum of the per-example losses over the epoch ("total_error")
     * @param trainMetric the metric on the training batches ("metric"), NaN without one
     * @param valLoss the validation loss ("val_loss"), NaN without a validation set
     * @param valMetric the validation metric ("val_metric"), NaN without one
     * @param learningRate the learning rate the epoch began with ("lr")
     * @param seconds the epoch's wall time
     * @param samplesPerSecond training samples per second
     */
    public EpochLogs(
            int epoch,
            double trainLoss,
            double totalError,
            double trainMetric,
            double valLoss,
            double valMetric,
            double learningRate,
            double seconds,
            double samplesPerSecond) {
        this(
                epoch,
                supervised(trainLoss, totalError, trainMetric, valLoss, valMetric, learningRate),
                seconds,
                samplesPerSecond);
    }

    private static Map<String, Double> supervised(double... v) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) m.put(SUPERVISED.get(i), v[i]);
        return m;
    }

    /**
     * Looks up a value by name: any logged name, or a Keras-style alias of the default step's columns (train_loss,
     * accuracy/train_metric/train_accuracy for metric, val_accuracy for val_metric).
     *
     * @param name a logged name or alias
     * @return its value this epoch (NaN when not measured)
     * @throws IllegalArgumentException if the name is neither logged nor an alias (the message lists the logged ones)
     */
    public double get(String name) {
        return values.get(resolve(name, values.keySet()));
    }

    /** {@code name}, or the column it is an alias of; fails naming the logged columns if it is neither. */
    static String resolve(String name, Collection<String> logged) {
        if (logged.contains(name)) return name;
        String alias = ALIASES.get(name);
        if (alias != null && logged.contains(alias)) return alias;
        String hint = logged.contains("metric") ? " (accuracy and val_accuracy stand for metric and val_metric)" : "";
        throw new IllegalArgumentException(
                "unknown monitor '" + name + "'; this run logs " + String.join(", ", logged) + hint);
    }

    /** {@return the mean training loss ("loss"), or NaN if not logged} */
    public double trainLoss() {
        return orNaN("loss");
    }
    /**
     * {@return the course's total error E = Σ_i E_i: the sum of the per-example losses over the epoch, or NaN if
     * not logged}
     */
    public double totalError() {
        return orNaN("total_error");
    }

    /** {@return the metric on the training batches ("metric"), or NaN} */
    public double trainMetric() {
        return orNaN("metric");
    }

    /** {@return the validation loss ("val_loss"), or NaN without validation} */
    public double valLoss() {
        return orNaN("val_loss");
    }

    /** {@return the validation metric ("val_metric"), or NaN} */
    public double valMetric() {
        return orNaN("val_metric");
    }

    /** {@return the learning rate ("lr"), or NaN if not logged (a step with several optimizers logs lr_NAME)} */
    public double learningRate() {
        return orNaN("lr");
    }

    private double orNaN(String name) {
        return values.getOrDefault(name, Double.NaN);
    }

    /**
     * One readable line, e.g. "epoch 3/10  loss 0.4120  metric 0.8512  val_loss 0.4410  1.20s  50000 samples/s";
     * NaN values, the total error and learning rates are left out.
     *
     * @param totalEpochs the fit's number of epochs, shown after the slash
     * @return the line, without a line break
     */
    public String summaryLine(int totalEpochs) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch, totalEpochs));
        values.forEach((name, v) -> {
            if (!Double.isNaN(v) && !name.equals("total_error") && !name.equals("lr") && !name.startsWith("lr_"))
                line.append(String.format(Locale.ROOT, "  %s %.4f", name, v));
        });
        return line.append(String.format(Locale.ROOT, "  %.2fs  %.0f samples/s", seconds, samplesPerSecond))
                .toString();
    }

    /** {@return column name → value, in the order of history.csv: epoch, the values, seconds, samples_per_second} */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.putAll(values);
        m.put("seconds", seconds);
        m.put("samples_per_second", samplesPerSecond);
        return m;
    }
}
