package dev.myelin.tune;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a search: every trial by number, the best one, and the best score so far after each trial
 * (for convergence plots).
 */
public final class SearchResult {
    private final List<TrialResult> trials;
    private final Direction direction;
    private final TrialResult best;

    SearchResult(List<TrialResult> trials, Direction direction) {
        this.trials = trials.stream()
                .sorted(Comparator.comparingInt(TrialResult::number))
                .toList();
        this.direction = direction;
        this.best = best(this.trials, direction);
    }

    /** The best trial with a score (the lowest number wins ties), or null if none has one. */
    static TrialResult best(List<TrialResult> trials, Direction direction) {
        TrialResult best = null;
        for (TrialResult t : trials)
            if (t.hasScore()
                    && (best == null
                            || direction.isBetter(t.score(), best.score())
                            || (t.score() == best.score() && t.number() < best.number()))) best = t;
        return best;
    }

    /** {@return all trials, ordered by trial number} */
    public List<TrialResult> trials() {
        return trials;
    }

    /** {@return whether the search minimized or maximized the score} */
    public Direction direction() {
        return direction;
    }

    /**
     * {@return the best trial}
     *
     * @throws IllegalStateException if no trial produced a score
     */
    public TrialResult best() {
        if (best == null)
            throw new IllegalStateException("no trial produced a score (" + trials.size() + " trials, all failed); "
                    + "see the error column of the trials");
        return best;
    }

    /** {@return the best trial's configuration} */
    public Config bestConfig() {
        return best().config();
    }

    /** {@return the best trial's score} */
    public double bestScore() {
        return best().score();
    }

    /** {@return element i: the best score among trials 0..i (by number); NaN until the first successful trial} */
    public double[] bestSoFar() {
        double[] out = new double[trials.size()];
        double best = Double.NaN;
        for (int i = 0; i < out.length; i++) {
            TrialResult t = trials.get(i);
            if (t.hasScore() && direction.isBetter(t.score(), best)) best = t.score();
            out[i] = best;
        }
        return out;
    }
}
