package dev.myelin.tune;

import java.util.Optional;

/**
 * Proposes configurations and learns from their results (ask/tell). Strategies always <em>minimize</em> a
 * loss: the {@link Tuner} negates maximized scores and passes +infinity for failed trials.
 *
 * <p>Contract that makes searches repeatable and resumable: the proposals depend only on the strategy's seed
 * and on the <em>set</em> of results told so far, never on the order in which results of outstanding trials
 * arrive. A strategy that needs results before proposing more (e.g. the next generation) returns an empty
 * {@link #ask()} until they are told.
 */
public interface SearchStrategy {

    /**
     * The next trial, or empty if the strategy must first be told results of outstanding trials (or is done).
     *
     * @return the proposal, or empty
     */
    Optional<Proposal> ask();

    /**
     * The result of a proposal returned by {@link #ask()}: its loss, +infinity if the trial failed.
     *
     * @param proposal a proposal from ask()
     * @param loss its loss (lower is better)
     */
    void tell(Proposal proposal, double loss);

    /**
     * True when the strategy will propose nothing more (a grid exhausted, the last generation evaluated).
     *
     * @return whether the strategy is done
     */
    boolean isDone();
}
