package dev.myelin.tune;

/**
 * What a search optimizes: trains and scores one configuration. Called from worker threads, possibly
 * concurrently, so implementations must not share mutable state between calls. Throwing an exception or
 * returning NaN/infinity (divergence) marks the trial as failed; the search continues.
 */
@FunctionalInterface
public interface Objective {

    /**
     * The score of {@code config}, e.g. validation loss or accuracy.
     *
     * @param config the configuration to score
     * @param ctx the trial's number, seed, budget and threads; where intermediate scores are reported
     * @return the score (NaN or infinite for a failed trial)
     * @throws Exception if the trial fails; the search records it and goes on
     */
    double evaluate(Config config, TrialContext ctx) throws Exception;

    /** {@return whether a lower or a higher score is better; minimize by default} */
    default Direction direction() {
        return Direction.MINIMIZE;
    }

    /**
     * An objective to maximize, e.g. accuracy.
     *
     * @param objective the objective whose scores are to be maximized
     * @return the same objective, maximized
     */
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
