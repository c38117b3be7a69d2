package dev.myelin.tune;

/**
 * One finished trial.
 *
 * @param number  0-based trial number in proposal order
 * @param config  its hyperparameters
 * @param budget  the budget it was given (0 = unspecified)
 * @param score   the objective's score, NaN if the trial failed
 * @param seconds wall time of the evaluation
 * @param status  ok, failed or pruned
 * @param error   for a failed trial, the cause ("IllegalStateException: ..."), else null
 */
public record TrialResult(
        int number, Config config, double budget, double score, double seconds, TrialStatus status, String error) {

    /** {@return true if the trial produced a usable score (ok or pruned)} */
    public boolean hasScore() {
        return status != TrialStatus.FAILED && Double.isFinite(score);
    }
}
