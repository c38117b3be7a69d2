package dev.myelin.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The named scalars one {@link TrainStep} produced (a loss per model, an accuracy, ...), for the progress bar,
 * the history and the callbacks. Each is given either as the batch's mean (a mean-reduced loss's {@code item()})
 * or as a sum over its samples (a count of correct predictions); either way the epoch's value is the total
 * over the epoch divided by the samples seen, so batches of different sizes weigh by their size.
 * <pre>{@code
 * return StepMetrics.of(batch.size()).mean("d_loss", dLoss.item()).mean("g_loss", gLoss.item());
 * }</pre>
 */
public final class StepMetrics {
    private final int samples;
    private final Map<String, double[]> values = new LinkedHashMap<>(); // name -> {sum over samples, batch value}

    private StepMetrics(int samples) {
        this.samples = samples;
    }

    /**
     * Starts the metrics of one step.
     *
     * @param samples the samples the step ran on (the batch size), &gt;= 1
     * @return empty metrics to add values to
     * @throws IllegalArgumentException if {@code samples < 1}
     */
    public static StepMetrics of(int samples) {
        if (samples < 1) throw new IllegalArgumentException("StepMetrics: samples must be >= 1, got " + samples);
        return new StepMetrics(samples);
    }

    /**
     * Adds a value that is the mean over the batch's samples, e.g. a mean-reduced loss.
     *
     * @param name the metric's name, unique in this step
     * @param batchMean the batch's mean value
     * @return this, for chaining
     * @throws IllegalArgumentException if the name is blank or already given
     */
    public StepMetrics mean(String name, double batchMean) {
        return put(name, batchMean * samples, batchMean);
    }

    /**
     * Adds a value that is a sum over the batch's samples, e.g. the number of correct predictions.
     *
     * @param name the metric's name, unique in this step
     * @param batchSum the sum over the batch's samples
     * @return this, for chaining
     * @throws IllegalArgumentException if the name is blank or already given
     */
    public StepMetrics sum(String name, double batchSum) {
        return put(name, batchSum, batchSum / samples);
    }

    private StepMetrics put(String name, double sum, double value) {
        if (name == null || name.isBlank())
            throw new IllegalArgumentException("StepMetrics: a metric name must not be blank, got '" + name + "'");
        if (values.putIfAbsent(name, new double[] {sum, value}) != null)
            throw new IllegalArgumentException("StepMetrics: metric '" + name + "' is given twice");
        return this;
    }

    /** {@return the number of samples the step ran on} */
    public int samples() {
        return samples;
    }

    /** {@return the names given, in order (unmodifiable)} */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Reads one value.
     *
     * @param name a name given to {@link #mean} or {@link #sum}
     * @return the batch's value of {@code name}: the mean given, or the sum given divided by the samples
     * @throws IllegalArgumentException if no such name was given
     */
    public double get(String name) {
        return entry(name)[1];
    }

    /** The sum of {@code name} over the batch's samples (the mean given times the samples, or the sum given). */
    double sumOf(String name) {
        return entry(name)[0];
    }

    private double[] entry(String name) {
        double[] e = values.get(name);
        if (e == null)
            throw new IllegalArgumentException(
                    "StepMetrics: no metric '" + name + "'; this step gave " + values.keySet());
        return e;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StepMetrics(samples=").append(samples);
        values.forEach((k, v) -> sb.append(", ").append(k).append('=').append(v[1]));
        return sb.append(')').toString();
    }
}
