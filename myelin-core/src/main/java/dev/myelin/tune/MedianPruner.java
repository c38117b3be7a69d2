package dev.myelin.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stops a trial whose intermediate loss at a step is worse than the median loss of finished trials at the same
 * step, as Optuna's {@code MedianPruner}: nothing is pruned until {@code warmupTrials} finished trials reported
 * that step, nor before step {@code warmupSteps}.
 */
public final class MedianPruner implements Pruner {
    private final int warmupTrials;
    private final int warmupSteps;
    private final Map<Integer, List<Double>> lossesByStep = new HashMap<>();

    /**
     * A pruner with its warm-up.
     *
     * @param warmupTrials finished trials that must have reported a step before it prunes there, at least 1
     * @param warmupSteps the first step at which it may prune, at least 0
     */
    public MedianPruner(int warmupTrials, int warmupSteps) {
        if (warmupTrials < 1) throw new IllegalArgumentException("warmupTrials must be >= 1, got " + warmupTrials);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        this.warmupTrials = warmupTrials;
        this.warmupSteps = warmupSteps;
    }

    /** Optuna's defaults: 5 warm-up trials, no warm-up steps. */
    public MedianPruner() {
        this(5, 0);
    }

    @Override
    public synchronized boolean shouldPrune(int step, double loss) {
        if (step < warmupSteps) return false;
        List<Double> losses = lossesByStep.get(step);
        if (losses == null || losses.size() < warmupTrials) return false;
        List<Double> sorted = new ArrayList<>(losses);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
        return loss > median;
    }

    @Override
    public synchronized void trialFinished(List<double[]> stepLosses) {
        for (double[] r : stepLosses)
            if (Double.isFinite(r[1]))
                lossesByStep.computeIfAbsent((int) r[0], s -> new ArrayList<>()).add(r[1]);
    }
}
