package dev.myelin.train;

import dev.myelin.io.StateFile;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stops when the monitored quantity has not improved by more than {@code minDelta} for
 * {@code patience} epochs, and optionally puts back the weights of the best epoch (the course's
 * "early stopping": stop where the test loss is lowest, not where the training loss is). It monitors any
 * logged name (val_loss, a custom step's g_loss, ...); with several models it restores all of them.
 */
public final class EarlyStopping implements Callback {
    private final String monitor;
    private final boolean maximize;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBestWeights;
    private double best;
    private int bestEpoch = -1;
    private int wait;
    private Map<String, Map<String, Tensor>> bestState;

    /**
     * @param monitor a logged name, e.g. "val_loss" (minimized) or "val_accuracy" (names ending in accuracy/metric
     *                are maximized); checked against the run's logs when training begins
     */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (monitor == null || monitor.isBlank()) throw new IllegalArgumentException("monitor must not be blank, got '" + monitor + "'");
        if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        if (!(minDelta >= 0)) throw new IllegalArgumentException("minDelta must be >= 0, got " + minDelta);
        this.monitor = monitor;
        this.maximize = monitor.endsWith("accuracy") || monitor.endsWith("metric");
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBestWeights = restoreBestWeights;
        this.best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Starts afresh, so one instance can serve several fits (as Keras does); an unknown monitor fails here, before the first epoch. */
    @Override
    public void onTrainBegin(TrainingContext ctx) {
        EpochLogs.resolve(monitor, ctx.logNames());
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        bestEpoch = -1;
        wait = 0;
        bestState = null;
    }

    @Override
    public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
        double value = logs.get(monitor);
        if (Double.isNaN(value))
            throw new IllegalStateException("early stopping monitors '" + monitor + "', which is NaN; "
                    + "monitor 'loss' or give the trainer a validation set");
        boolean improved = maximize ? value > best + minDelta : value < best - minDelta;
        if (improved) {
            best = value;
            bestEpoch = logs.epoch();
            wait = 0;
            if (restoreBestWeights) bestState = snapshot(ctx.models());
        } else if (++wait >= Math.max(patience, 1)) {
            ctx.stop("early stopping: " + monitor + " did not improve for " + patience + " epochs (best " + best + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        history.setBestEpoch(bestEpoch);
        if (restoreBestWeights && bestState != null) ctx.models().forEach((name, model) -> model.loadStateDict(bestState.get(name)));
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestValue() {
        return best;
    }

    private static Map<String, Map<String, Tensor>> snapshot(Map<String, Module> models) {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        models.forEach((name, model) -> copy.put(name, StateFile.copyOf(model.stateDict())));
        return copy;
    }
}
