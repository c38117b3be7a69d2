package dev.myelin.tune.selection;

import dev.myelin.estimator.BaseMultilayerPerceptron;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.SearchStrategy;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Exhaustive search over a parameter grid with cross-validation, as scikit-learn's {@code GridSearchCV}:
 * <pre>{@code
 * var search = new GridSearchCV<>(() -> new MLPClassifier().maxIter(200).randomState(0),
 * Map.of("hiddenLayerSizes", List.of(List.of(2), List.of(32)), "alpha", List.of(1e-4, 1e-2)))
 * .cv(3).fit(x, y);
 * search.bestParams(); search.bestScore(); search.bestEstimator().predict(xTest); search.cvResults();
 * }</pre>
 * Parameter names are the estimator's ({@link BaseMultilayerPerceptron#getParams()}); candidates are the
 * cartesian product with the last name varying fastest, names taken in the map's iteration order (use a
 * LinkedHashMap or Map.of with one name to fix the order). See {@link BaseSearchCV} for scoring and refit.
 *
 * @param <E> the estimator type
 */
public final class GridSearchCV<E extends BaseMultilayerPerceptron<E>> extends BaseSearchCV<E, GridSearchCV<E>> {
    private final SearchSpace space;
    private final int size;

    /**
     * A search over every combination of {@code paramGrid}'s values.
     *
     * @param estimator makes a fresh estimator, whose parameters each candidate sets
     * @param paramGrid parameter name → its values (at least one name)
     */
    public GridSearchCV(Supplier<E> estimator, Map<String, ? extends List<?>> paramGrid) {
        super(estimator);
        if (paramGrid == null || paramGrid.isEmpty())
            throw new IllegalArgumentException("paramGrid must name at least one parameter");
        SearchSpace.Builder b = SearchSpace.builder();
        for (var e : paramGrid.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty())
                throw new IllegalArgumentException("paramGrid: '" + e.getKey() + "' needs at least one value");
            b.categorical(e.getKey(), e.getValue().toArray());
        }
        this.space = b.build();
        this.size = new GridSearch(space).size();
    }

    @Override
    SearchStrategy strategy() {
        return new GridSearch(space);
    }

    @Override
    int candidates() {
        return size;
    }
}
