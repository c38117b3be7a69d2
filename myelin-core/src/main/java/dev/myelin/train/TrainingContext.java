package dev.myelin.train;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;

/** What callbacks see of a running fit: the model, the optimizer, the plan, and a way to stop. */
public final class TrainingContext {
    private final Module model;
    private final Optimizer optimizer;
    private final int epochs;
    private final int batchesPerEpoch;
    private final int samplesPerEpoch;
    private String stopReason;
    private double runningLoss = Double.NaN, runningMetric = Double.NaN;

    TrainingContext(Module model, Optimizer optimizer, int epochs, int batchesPerEpoch, int samplesPerEpoch) {
        this.model = model;
        this.optimizer = optimizer;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.samplesPerEpoch = samplesPerEpoch;
    }

    public Module model() { return model; }
    public Optimizer optimizer() { return optimizer; }
    public int epochs() { return epochs; }
    public int batchesPerEpoch() { return batchesPerEpoch; }
    public int samplesPerEpoch() { return samplesPerEpoch; }

    /** Mean loss over the batches of the current epoch so far. */
    public double runningLoss() { return runningLoss; }

    /** Mean metric (e.g. accuracy) over the batches of the current epoch so far, or NaN without a metric. */
    public double runningMetric() { return runningMetric; }

    void setRunning(double loss, double metric) {
        this.runningLoss = loss;
        this.runningMetric = metric;
    }

    /** Ends training after the current batch or epoch; the reason is kept in the history. */
    public void stop(String reason) {
        if (stopReason == null) stopReason = reason;
    }

    public boolean stopRequested() { return stopReason != null; }

    /** Why training stopped early, or null if it ran all epochs. */
    public String stopReason() { return stopReason; }
}
