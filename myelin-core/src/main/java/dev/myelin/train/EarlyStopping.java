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
     * Early stopping as Keras's {@code EarlyStopping(monitor, min_delta, patience, restore_best_weights)}.
     *
     * @param monitor a logged name, e.g. "val_loss" (minimized) or "val_accuracy" (names ending in accuracy/metric
     *                are maximized); checked against the run's logs when training begins
     * @param patience the epochs without improvement before stopping, &gt;= 0 (0 stops at the first, as 1 does)
     * @param minDelta how much the value must beat the best by to count as an improvement, &gt;= 0
     * @param restoreBestWeights whether to put back every model's weights of the best epoch when training ends
     * @throws IllegalArgumentException if {@code monitor} is blank or {@code patience} or {@code minDelta} is
     *     negative
     */
    public EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBestWeights) {
        if (monitor == null || monitor.isBlank())
            throw new IllegalArgumentException("monitor must not be blank, got '" + monitor + "'");
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
            ctx.stop("early stopping: " + monitor + " did not improve for " + patience + " epochs (best " + best
                    + " at epoch " + bestEpoch + ")");
        }
    }

    @Override
    public void onTrainEnd(TrainingContext ctx, History history) {
        history.setBestEpoch(bestEpoch);
        if (restoreBestWeights && bestState != null)
            ctx.models().forEach((name, model) -> model.loadStateDict(bestState.get(name)));
    }

    /** The best value, its epoch, the epochs waited and, when the best weights are kept, their snapshot. */
    @Override
    public CallbackState state() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("best", Double.toString(best));
        values.put("best_epoch", Integer.toString(bestEpoch));
        values.put("wait", Integer.toString(wait));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        if (bestState != null) {
            values.put("best_models", Integer.toString(bestState.size()));
            int i = 0;
            for (var e : bestState.entrySet()) {
                values.put("best_model." + i, e.getKey());
                final String prefix = i + ".";
                e.getValue().forEach((k, t) -> tensors.put(prefix + k, t));
                i++;
            }
        }
        return new CallbackState(values, tensors);
    }

    @Override
    public void restoreState(CallbackState state) {
        double b = state.number("best");
        int epoch = (int) state.number("best_epoch"), w = state.count("wait", 0);
        if (epoch < -1 || epoch != state.number("best_epoch"))
            throw new IllegalArgumentException("callback state 'best_epoch' must be a whole number >= -1");
        Map<String, Map<String, Tensor>> snapshot = null;
        if (state.values().containsKey("best_models")) {
            snapshot = new LinkedHashMap<>();
            int n = state.count("best_models", 0);
            for (int i = 0; i < n; i++) {
                Map<String, Tensor> weights = new LinkedHashMap<>();
                String prefix = i + ".";
                state.tensors().forEach((k, t) -> {
                    if (k.startsWith(prefix)) weights.put(k.substring(prefix.length()), t);
                });
                snapshot.put(state.value("best_model." + i), weights);
            }
        }
        best = b;
        bestEpoch = epoch;
        wait = w;
        bestState = snapshot;
    }

    /** {@return the epoch with the best monitored value so far, from 1, or -1 before one} */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** {@return the best monitored value so far (an infinity before the first epoch)} */
    public double bestValue() {
        return best;
    }

    private static Map<String, Map<String, Tensor>> snapshot(Map<String, Module> models) {
        Map<String, Map<String, Tensor>> copy = new LinkedHashMap<>();
        models.forEach((name, model) -> copy.put(name, StateFile.copyOf(model.stateDict())));
        return copy;
    }
}
