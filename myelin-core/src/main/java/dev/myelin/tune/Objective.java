package dev.myelin.tune;

/**
 * What a search optimizes: trains and scores one configuration. Called from worker threads, possibly
 * concurrently, so implementations must not share mutable state between calls. Throwing an exception or
 * returning NaN/infinity (divergence) marks the trial as failed; the search continues.
 */
@FunctionalInterface
public interface Objective {

    /** The score of {@code config}, e.g. validation loss or accuracy. */
    double evaluate(Config config, TrialContext ctx) throws Exception;

    /** Whether a lower or a higher score is better; minimize by default. */
    default Direction direction() {
        return Direction.MINIMIZE;
    }

    /** An objective to maximize, e.g. accuracy. */
    static Objective maximize(Objective objective) {
        return new Objective() {
            @Override
            public double evaluate(Config config, TrialContext ctx) throws Exception {
                return objective.evaluate(config, ctx);
            }

            @Override
            public Direction direction() {
                return Direction.MAXIMIZE;
            }
        };
    }
}
