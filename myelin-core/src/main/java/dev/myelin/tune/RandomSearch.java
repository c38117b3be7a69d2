package dev.myelin.tune;

import dev.myelin.tensor.Generator;
import java.util.Optional;

/**
 * Independent random configurations (Bergstra and Bengio, 2012): a uniform random point of the continuous
 * encoding, decoded, so ranges are sampled uniformly (log-uniformly for log ranges) and categoricals uniformly.
 * Proposals depend only on the seed: fully repeatable. Never done by itself; stop it with the tuner's
 * {@code maxTrials} or {@code maxDuration}, or give {@code maxTrials} here.
 */
public final class RandomSearch implements SearchStrategy {
    private final SearchSpace space;
    private final Generator rng;
    private final int maxTrials;
    private int proposed;

    /**
     * Random configurations without end (the tuner's trial limit stops it).
     *
     * @param space the space to draw from
     * @param seed the seed of the draws
     */
    public RandomSearch(SearchSpace space, long seed) {
        this(space, Integer.MAX_VALUE, seed);
    }

    /**
     * At most {@code maxTrials} random configurations.
     *
     * @param space the space to draw from
     * @param maxTrials the number of proposals, at least 1
     * @param seed the seed of the draws
     */
    public RandomSearch(SearchSpace space, int maxTrials, long seed) {
        if (maxTrials < 1) throw new IllegalArgumentException("RandomSearch: maxTrials must be >= 1, got " + maxTrials);
        this.space = space;
        this.maxTrials = maxTrials;
        this.rng = new Generator(seed);
    }

    @Override
    public Optional<Proposal> ask() {
        if (isDone()) return Optional.empty();
        return Optional.of(new Proposal(space.decode(space.randomPoint(rng)), proposed++));
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        // Random search does not learn.
    }

    @Override
    public boolean isDone() {
        return proposed >= maxTrials;
    }
}
