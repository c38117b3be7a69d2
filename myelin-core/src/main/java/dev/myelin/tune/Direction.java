package dev.myelin.tune;

/** Whether a search looks for the lowest score (a loss) or the highest (an accuracy). */
public enum Direction {
    /** Lower scores are better (a loss). */
    MINIMIZE,
    /** Higher scores are better (an accuracy). */
    MAXIMIZE;

    /**
     * The score as a loss: strategies always minimize, so a maximized score is negated. A failed trial
     * (score NaN) becomes +infinity, the worst possible loss.
     *
     * @param score a score in this direction
     * @return the loss
     */
    public double toLoss(double score) {
        if (!Double.isFinite(score)) return Double.POSITIVE_INFINITY;
        return this == MINIMIZE ? score : -score;
    }

    /**
     * True if score {@code a} is strictly better than {@code b}; NaN is never better.
     *
     * @param a a score
     * @param b the score to beat
     * @return whether a beats b
     */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return this == MINIMIZE ? a < b : a > b;
    }
}
