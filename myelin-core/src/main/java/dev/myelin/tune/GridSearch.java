package dev.myelin.tune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exhaustive search over the cartesian product of each dimension's grid values, like scikit-learn's
 * {@code ParameterGrid}: the last dimension varies fastest. Integer ranges contribute every integer and
 * categoricals every choice, unless {@code points} gives a number; float ranges need an explicit number of
 * points. A conditional dimension multiplies the grid only where it is active, so every distinct configuration
 * appears exactly once. The order does not depend on results: fully repeatable.
 */
public final class GridSearch implements SearchStrategy {
    /** Refuse grids larger than this: they would not finish and the list would not fit in memory. */
    static final long MAX_SIZE = 1_000_000;

    private final List<Config> grid;
    private int next;

    /**
     * A grid with every dimension's natural values (fails if the space has a float range).
     *
     * @param space the space, without float ranges
     */
    public GridSearch(SearchSpace space) {
        this(space, Map.of());
    }

    /**
     * A grid with {@code points} values for the named dimensions, the natural values for the others.
     *
     * @param space the space
     * @param points number of grid points per dimension name (required for float ranges)
     */
    public GridSearch(SearchSpace space, Map<String, Integer> points) {
        Map<String, Integer> unknown = new HashMap<>(points);
        List<List<Object>> values = new ArrayList<>();
        for (Dimension d : space.dimensions()) {
            Integer n = unknown.remove(d.name());
            if (d instanceof FloatRange && n == null)
                throw new IllegalArgumentException(
                        "GridSearch: float dimension '" + d.name() + "' needs an explicit number of grid "
                                + "points, e.g. new GridSearch(space, Map.of(\"" + d.name() + "\", 5))");
            values.add(d.gridValues(n == null ? 0 : n));
        }
        if (!unknown.isEmpty())
            throw new IllegalArgumentException("GridSearch: points given for unknown dimensions " + unknown.keySet());
        this.grid = new ArrayList<>();
        product(space, values, 0, new LinkedHashMap<>());
    }

    /** Depth-first over dimensions: the last dimension varies fastest; inactive dimensions are skipped. */
    private void product(SearchSpace space, List<List<Object>> values, int i, LinkedHashMap<String, Object> partial) {
        if (i == values.size()) {
            if (grid.size() >= MAX_SIZE)
                throw new IllegalArgumentException("GridSearch: the grid has more than " + MAX_SIZE
                        + " points; use fewer points " + "per dimension or RandomSearch");
            grid.add(space.complete(partial));
            return;
        }
        Dimension d = space.dimensions().get(i);
        if (!SearchSpace.isActive(d, partial)) {
            product(space, values, i + 1, partial);
            return;
        }
        for (Object v : values.get(i)) {
            partial.put(d.name(), v);
            product(space, values, i + 1, partial);
            partial.remove(d.name());
        }
    }

    /** {@return every configuration, in the order they are proposed} */
    public List<Config> grid() {
        return List.copyOf(grid);
    }

    /** {@return the number of configurations in the grid} */
    public int size() {
        return grid.size();
    }

    @Override
    public Optional<Proposal> ask() {
        if (next >= grid.size()) return Optional.empty();
        int slot = next++;
        return Optional.of(new Proposal(grid.get(slot), slot));
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        // A grid does not learn.
    }

    @Override
    public boolean isDone() {
        return next >= grid.size();
    }
}
