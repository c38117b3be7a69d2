package dev.myelin.train;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * What the train step and the callbacks see of a running fit: the models and optimizers, the plan, where
 * the loop is, the running metrics of the epoch, and a way to stop.
 */
public final class TrainingContext {
    private final SequencedMap<String, Module> models;
    private final SequencedMap<String, Optimizer> optimizers;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int samplesPerEpoch;
    private final List<String> logNames;
    private final Map<String, Double> running = new LinkedHashMap<>();
    private int epoch, batch;
    private long step;
    private java.util.function.Supplier<TrainingState> snapshot;
    private StepMetrics lastStep;
    private String stopReason;

    TrainingContext(
            SequencedMap<String, Module> models,
            SequencedMap<String, Optimizer> optimizers,
            int epochs,
            int batchesPerEpoch,
            int samplesPerEpoch,
            List<String> logNames) {
        this.models = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(models));
        this.optimizers = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(optimizers));
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.samplesPerEpoch = samplesPerEpoch;
        this.logNames = List.copyOf(logNames);
    }

    /** A context for one model and optimizer (null for none) logging the default step's columns. */
    TrainingContext(Module model, Optimizer optimizer, int epochs, int batchesPerEpoch, int samplesPerEpoch) {
        this(
                one("model", model),
                optimizer == null ? new LinkedHashMap<>() : one("optimizer", optimizer),
                epochs,
                batchesPerEpoch,
                samplesPerEpoch,
                EpochLogs.SUPERVISED);
    }

    private static <T> SequencedMap<String, T> one(String name, T value) {
        SequencedMap<String, T> m = new LinkedHashMap<>();
        m.put(name, value);
        return m;
    }

    /** {@return the models of the train step, by name, in the step's order (unmodifiable)} */
    public SequencedMap<String, Module> models() {
        return models;
    }

    /** {@return the optimizers of the train step, by name, in the step's order (unmodifiable)} */
    public SequencedMap<String, Optimizer> optimizers() {
        return optimizers;
    }

    /**
     * {@return the model, when the train step has exactly one (as the default step does)}
     *
     * @throws IllegalStateException if the step has none or several; use {@link #models()}
     */
    public Module model() {
        return only(models, "model");
    }

    /**
     * {@return the optimizer, when the train step has exactly one (as the default step does)}
     *
     * @throws IllegalStateException if the step has none or several; use {@link #optimizers()}
     */
    public Optimizer optimizer() {
        return only(optimizers, "optimizer");
    }

    private static <T> T only(Map<String, T> byName, String what) {
        if (byName.size() != 1)
            throw new IllegalStateException(
                    "this run has " + byName.size() + " " + what + "s " + byName.keySet() + "; use " + what + "s()");
        return byName.values().iterator().next();
    }

    /** {@return the number of epochs the fit is configured for} */
    public int epochs() {
        return epochs;
    }

    /** {@return the number of batches in one epoch of the training loader} */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** {@return the number of samples in the training data set} */
    public int samplesPerEpoch() {
        return samplesPerEpoch;
    }

    /** {@return the names each epoch's {@link EpochLogs} holds, in column order (what callbacks may monitor)} */
    public List<String> logNames() {
        return logNames;
    }

    /** {@return the current epoch, from 1 (0 before the first)} */
    public int epoch() {
        return epoch;
    }

    /** {@return the current batch of the epoch, from 1 (0 before the first)} */
    public int batch() {
        return batch;
    }

    /** {@return the batches trained since the fit began, over all epochs (a resumed fit counts on from its checkpoint)} */
    public long step() {
        return step;
    }

    /** {@return the metrics of the last finished train step, or null before the first} */
    public StepMetrics lastStep() {
        return lastStep;
    }

    /** {@return the sample-weighted mean of each train metric over the batches of the current epoch so far} */
    public Map<String, Double> runningMetrics() {
        return Collections.unmodifiableMap(running);
    }

    /** {@return the mean loss over the batches of the current epoch so far (NaN if the step logs no "loss")} */
    public double runningLoss() {
        return running.getOrDefault("loss", Double.NaN);
    }

    /** {@return the mean metric (e.g. accuracy) over the batches of the current epoch so far, or NaN without one} */
    public double runningMetric() {
        return running.getOrDefault("metric", Double.NaN);
    }

    void startEpoch(int epoch) {
        this.epoch = epoch;
        this.batch = 0;
        running.clear();
    }

    void startBatch(int batch) {
        this.batch = batch;
    }

    void endStep(StepMetrics step, List<String> names, double[] sums, int seen) {
        lastStep = step;
        this.step++;
        runningFrom(names, sums, seen);
    }

    /** The running means of a resumed epoch, from its saved sums. */
    void runningFrom(List<String> names, double[] sums, int seen) {
        if (seen > 0) for (int i = 0; i < sums.length; i++) running.put(names.get(i), sums[i] / seen);
    }

    void resumeAt(long step) {
        this.step = step;
    }

    void snapshotSource(java.util.function.Supplier<TrainingState> snapshot) {
        this.snapshot = snapshot;
    }

    /** The fit's state now (between batches), for a checkpoint. */
    TrainingState snapshot() {
        if (snapshot == null) throw new IllegalStateException("no fit is running in this context");
        return snapshot.get();
    }

    /**
     * Ends training after the current batch (from {@link Callback#onBatchEnd}) or epoch; the reason is kept in the
     * history. Only the first reason counts.
     *
     * @param reason why, e.g. "early stopping: val_loss did not improve for 5 epochs"
     */
    public void stop(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    /** {@return whether a stop was requested} */
    public boolean stopRequested() {
        return stopReason != null;
    }

    /** {@return why training stopped early, or null if no stop was requested} */
    public String stopReason() {
        return stopReason;
    }
}
