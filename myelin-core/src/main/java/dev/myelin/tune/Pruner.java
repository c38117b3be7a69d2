package dev.myelin.tune;

import java.util.List;

/**
 * Decides whether a running trial is poor enough to stop early, from its intermediate reports and those of
 * finished trials. Called from worker threads; implementations must be thread-safe. Pruning decisions depend on
 * which trials have finished, so with parallel trials they are not repeatable (they are with one trial at a time).
 */
public interface Pruner {

    /**
     * Whether a trial that reported {@code loss} (lower is better) at {@code step} should stop.
     *
     * @param step the report's step (e.g. the epoch)
     * @param loss the reported score as a loss
     * @return true to stop the trial
     */
    boolean shouldPrune(int step, double loss);

    /**
     * Called by the tuner when a trial finishes, with its reports converted to losses as (step, loss) pairs.
     *
     * @param stepLosses the trial's (step, loss) pairs
     */
    void trialFinished(List<double[]> stepLosses);
}
