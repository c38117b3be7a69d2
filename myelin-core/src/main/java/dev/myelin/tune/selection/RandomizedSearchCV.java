package dev.myelin.tune.selection;

import dev.myelin.estimator.BaseMultilayerPerceptron;
import dev.myelin.tune.Categorical;
import dev.myelin.tune.Dimension;
import dev.myelin.tune.FloatRange;
import dev.myelin.tune.IntRange;
import dev.myelin.tune.RandomSearch;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.SearchStrategy;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Random search over parameter distributions with cross-validation, as scikit-learn's
 * {@code RandomizedSearchCV}: {@code nIter} candidates drawn independently. A distribution is a list (a uniform
 * choice) or a range: {@link #uniform}, {@link #logUniform} (scipy's {@code loguniform}) or {@link #randint}
 * (both ends included, unlike scipy's exclusive upper end):
 * <pre>{@code
 * var search = new RandomizedSearchCV<>(() -> new MLPRegressor().randomState(0),
 * Map.of("alpha", RandomizedSearchCV.logUniform(1e-6, 1e-1), "hiddenLayerSizes", List.of(List.of(8), List.of(64))),
 * 10).randomState(1).fit(x, y);
 * }</pre>
 * Repeatable: the same {@code randomState} draws the same candidates. See {@link BaseSearchCV}.
 *
 * @param <E> the estimator type
 */
public final class RandomizedSearchCV<E extends BaseMultilayerPerceptron<E>>
        extends BaseSearchCV<E, RandomizedSearchCV<E>> {
    private final SearchSpace space;
    private final int nIter;
    private long randomState;

    /**
     * A search over {@code nIter} candidates drawn from {@code distributions}.
     *
     * @param estimator makes a fresh estimator, whose parameters each candidate sets
     * @param distributions parameter name → a list of choices or a range ({@link #uniform}, {@link #logUniform},
     *     {@link #randint}); drawn in the map's iteration order
     * @param nIter number of candidates
     */
    public RandomizedSearchCV(Supplier<E> estimator, Map<String, ?> distributions, int nIter) {
        super(estimator);
        if (distributions == null || distributions.isEmpty())
            throw new IllegalArgumentException("distributions must name at least one parameter");
        if (nIter < 1) throw new IllegalArgumentException("nIter must be >= 1, got " + nIter);
        SearchSpace.Builder b = SearchSpace.builder();
        for (var e : distributions.entrySet()) b.add(dimension(e.getKey(), e.getValue()));
        this.space = b.build();
        this.nIter = nIter;
    }

    /**
     * Uniform on [lo, hi].
     *
     * @param lo the lower end
     * @param hi the upper end
     * @return the distribution
     */
    public static Dimension uniform(double lo, double hi) {
        return new FloatRange("unnamed", lo, hi, false);
    }

    /**
     * Log-uniform on [lo, hi] (lo > 0), for scale parameters such as alpha or learningRateInit.
     *
     * @param lo the lower end, positive
     * @param hi the upper end
     * @return the distribution
     */
    public static Dimension logUniform(double lo, double hi) {
        return new FloatRange("unnamed", lo, hi, true);
    }

    /**
     * Uniform integers lo..hi, both included.
     *
     * @param lo the smallest value
     * @param hi the largest value
     * @return the distribution
     */
    public static Dimension randint(int lo, int hi) {
        return new IntRange("unnamed", lo, hi, false);
    }

    private static Dimension dimension(String name, Object distribution) {
        return switch (distribution) {
            case List<?> choices when !choices.isEmpty() -> new Categorical(name, choices);
            case FloatRange r -> new FloatRange(name, r.lo(), r.hi(), r.log());
            case IntRange r -> new IntRange(name, r.lo(), r.hi(), r.log());
            case Categorical c -> new Categorical(name, c.choices());
            case null, default ->
                throw new IllegalArgumentException("distributions: '" + name + "' must be a non-empty list of choices "
                        + "or a range (RandomizedSearchCV.uniform, logUniform, randint), got " + distribution);
        };
    }

    /**
     * Seed of the draws (default 0).
     *
     * @param seed the seed
     * @return this search
     */
    public RandomizedSearchCV<E> randomState(long seed) {
        this.randomState = seed;
        return this;
    }

    @Override
    SearchStrategy strategy() {
        return new RandomSearch(space, nIter, randomState);
    }

    @Override
    int candidates() {
        return nIter;
    }
}
