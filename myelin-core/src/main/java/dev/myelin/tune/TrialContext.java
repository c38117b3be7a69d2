package dev.myelin.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link Objective} knows about its trial: its number, a seed to use for all its randomness, the
 * budget a strategy gave it (e.g. epochs), how many threads it may use, and a channel to report intermediate
 * scores so that a {@link Pruner} can stop poor trials early. One context per trial; not shared.
 */
public final class TrialContext {
    private final int number;
    private final long seed;
    private final double budget;
    private final int threads;
    private final Direction direction;
    private final Pruner pruner;
    private final List<double[]> reports = new ArrayList<>();
    private boolean stopped;

    TrialContext(int number, long seed, double budget, int threads, Direction direction, Pruner pruner) {
        this.number = number;
        this.seed = seed;
        this.budget = budget;
        this.threads = threads;
        this.direction = direction;
        this.pruner = pruner;
    }

    /**
     * A context for a trial run away from its {@link Tuner}, e.g. on another machine that received the trial's
     * number, seed, budget and thread count: the same values the tuner gave, no pruner (its reports stay here).
     *
     * @param number the trial's number
     * @param seed the trial's seed
     * @param budget its budget, 0 for none
     * @param threads the threads it may use, at least 1
     * @param direction whether its scores are maximized or minimized
     * @return the context
     */
    public static TrialContext detached(int number, long seed, double budget, int threads, Direction direction) {
        if (threads < 1) throw new IllegalArgumentException("TrialContext: threads must be >= 1, got " + threads);
        if (!(budget >= 0)) throw new IllegalArgumentException("TrialContext: budget must be >= 0, got " + budget);
        return new TrialContext(
                number, seed, budget, threads, java.util.Objects.requireNonNull(direction, "direction"), null);
    }

    /** {@return the trial number, 0-based, in proposal order} */
    public int number() {
        return number;
    }

    /**
     * {@return this trial's seed: derived from the search seed and the trial number, the same on every run and resume}
     */
    public long seed() {
        return seed;
    }

    /** {@return the budget the strategy gave this trial (e.g. epochs), or 0 if it gave none} */
    public double budget() {
        return budget;
    }

    /**
     * The budget the strategy gave, or {@code defaultBudget} if it gave none.
     *
     * @param defaultBudget the objective's own budget
     * @return the budget to use
     */
    public double budgetOr(double defaultBudget) {
        return budget > 0 ? budget : defaultBudget;
    }

    /** {@return the threads this trial may use (the tuner's threadsPerTrial)} */
    public int threads() {
        return threads;
    }

    /**
     * Reports an intermediate score (in the objective's own direction), e.g. validation loss after an epoch.
     *
     * @param step the step (e.g. the epoch) the score is for
     * @param score the score so far
     */
    public synchronized void report(int step, double score) {
        reports.add(new double[] {step, score});
        if (!stopped && pruner != null && Double.isFinite(score) && pruner.shouldPrune(step, direction.toLoss(score)))
            stopped = true;
    }

    /**
     * {@return true once the pruner judged a reported score poor; the objective should then return its current score}
     * The trial is recorded as {@link TrialStatus#PRUNED}.
     */
    public synchronized boolean shouldStop() {
        return stopped;
    }

    /** {@return the reported (step, score) pairs, in report order} */
    public synchronized List<double[]> reports() {
        return reports.stream().map(double[]::clone).toList();
    }
}
