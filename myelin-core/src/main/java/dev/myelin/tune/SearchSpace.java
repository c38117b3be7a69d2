package dev.myelin.tune;

import dev.myelin.tensor.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The named hyperparameters to search over, in order, plus derived values computed from them (e.g.
 * {@code hiddenLayers = [width] * depth}). Build one with {@link #builder()}:
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *     .floatRange("lr", 1e-4, 1e-1, true)
 *     .categorical("solver", "sgd", "adam")
 *     .floatRange("momentum", 0.0, 0.99).activeWhen("solver", "sgd")
 *     .intRange("depth", 1, 3).intRange("width", 8, 256, true)
 *     .hiddenLayers("hiddenLayers", "depth", "width")
 *     .build();
 * }</pre>
 * A conditional dimension must come after the dimension its condition looks at. Points of the continuous
 * encoding ({@link #decode(double[])}) are described in {@link Dimension}.
 */
public final class SearchSpace {
    private final List<Dimension> dimensions;
    private final int[] offsets;
    private final int encodedSize;
    private final Map<String, Function<Config, Object>> derived;

    private SearchSpace(List<Dimension> dimensions, Map<String, Function<Config, Object>> derived) {
        this.dimensions = List.copyOf(dimensions);
        this.derived = Collections.unmodifiableMap(new LinkedHashMap<>(derived));
        this.offsets = new int[dimensions.size()];
        int size = 0;
        for (int i = 0; i < dimensions.size(); i++) {
            offsets[i] = size;
            size += dimensions.get(i).width();
        }
        this.encodedSize = size;
    }

    /** {@return a builder of an empty space} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the dimensions, in the order they were added} */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * Start of dimension {@code i}'s coordinates in an encoded point.
     *
     * @param i the dimension's index in {@link #dimensions()}
     * @return the index of its first coordinate
     */
    public int offset(int i) {
        return offsets[i];
    }

    /** {@return the number of coordinates of an encoded point} */
    public int encodedSize() {
        return encodedSize;
    }

    /** Whether {@code dim} is active given the values chosen so far for the dimensions before it. */
    static boolean isActive(Dimension dim, Map<String, Object> earlier) {
        Condition c = dim.condition();
        if (c == null) return true;
        Object parent = earlier.get(c.parent());
        return parent != null && c.test(parent);
    }

    /**
     * The configuration at a point of the continuous encoding (inactive dimensions skipped).
     *
     * @param x a point of [0, 1]^{@link #encodedSize()}
     * @return its configuration, derived values included
     * @throws IllegalArgumentException if the point has the wrong number of coordinates
     */
    public Config decode(double[] x) {
        if (x.length != encodedSize)
            throw new IllegalArgumentException(
                    "encoded point has " + x.length + " coordinates, the space needs " + encodedSize);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            if (isActive(d, values)) values.put(d.name(), d.decode(x, offsets[i]));
        }
        return complete(values);
    }

    /**
     * A point that decodes to {@code config}. Coordinates of inactive dimensions are set to the middle, 0.5
     * (they do not affect decoding).
     *
     * @param config values for (at least) every active dimension
     * @return the encoded point
     */
    public double[] encode(Config config) {
        double[] x = new double[encodedSize];
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            if (isActive(d, values)) {
                d.encode(config.get(d.name()), x, offsets[i]);
                values.put(d.name(), config.get(d.name()));
            } else {
                for (int j = 0; j < d.width(); j++) x[offsets[i] + j] = 0.5;
            }
        }
        return x;
    }

    /**
     * A uniform random point of [0, 1]^encodedSize; decodes to a uniform (log-uniform) random configuration.
     *
     * @param rng the source of the coordinates
     * @return the point
     */
    public double[] randomPoint(Generator rng) {
        double[] x = new double[encodedSize];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
        return x;
    }

    /** Adds the derived values to the dimension values, in declaration order. */
    Config complete(Map<String, Object> values) {
        if (derived.isEmpty()) return new Config(values);
        Map<String, Object> all = new LinkedHashMap<>(values);
        for (var e : derived.entrySet()) all.put(e.getKey(), e.getValue().apply(new Config(all)));
        return new Config(all);
    }

    @Override
    public String toString() {
        return "SearchSpace" + dimensions + (derived.isEmpty() ? "" : " derived " + derived.keySet());
    }

    /** Builds a {@link SearchSpace}; names must be unique. */
    public static final class Builder {
        private final List<Dimension> dimensions = new ArrayList<>();
        private final Map<String, Function<Config, Object>> derived = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Adds a dimension (validating its name and its condition's parent).
         *
         * @param dim the dimension
         * @return this builder
         */
        public Builder add(Dimension dim) {
            if (has(dim.name()) || derived.containsKey(dim.name()))
                throw new IllegalArgumentException("SearchSpace: duplicate name '" + dim.name() + "'");
            Condition c = dim.condition();
            if (c != null) {
                Dimension parent = dimensions.stream()
                        .filter(d -> d.name().equals(c.parent()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "SearchSpace: '" + dim.name() + "' is active when '" + c.parent()
                                        + "' ..., but no dimension '" + c.parent() + "' was added before it"));
                if (c instanceof Condition.In in)
                    for (Object v : in.values())
                        if (!parent.contains(v))
                            throw new IllegalArgumentException("SearchSpace: '" + dim.name() + "' is active when '"
                                    + c.parent() + "' is " + v + ", which '" + c.parent() + "' can never be");
            }
            dimensions.add(dim);
            return this;
        }

        /**
         * Adds an integer range, uniform over [lo, hi].
         *
         * @param name the hyperparameter
         * @param lo the smallest value
         * @param hi the largest value
         * @return this builder
         */
        public Builder intRange(String name, int lo, int hi) {
            return add(new IntRange(name, lo, hi));
        }

        /**
         * Adds an integer range over [lo, hi], log-uniform when {@code log}.
         *
         * @param name the hyperparameter
         * @param lo the smallest value
         * @param hi the largest value
         * @param log whether to draw on a log scale (lo must then be positive)
         * @return this builder
         */
        public Builder intRange(String name, int lo, int hi, boolean log) {
            return add(new IntRange(name, lo, hi, log));
        }

        /**
         * Adds a real range, uniform over [lo, hi].
         *
         * @param name the hyperparameter
         * @param lo the lower end
         * @param hi the upper end
         * @return this builder
         */
        public Builder floatRange(String name, double lo, double hi) {
            return add(new FloatRange(name, lo, hi));
        }

        /**
         * Adds a real range over [lo, hi], log-uniform when {@code log}.
         *
         * @param name the hyperparameter
         * @param lo the lower end
         * @param hi the upper end
         * @param log whether to draw on a log scale (lo must then be positive)
         * @return this builder
         */
        public Builder floatRange(String name, double lo, double hi, boolean log) {
            return add(new FloatRange(name, lo, hi, log));
        }

        /**
         * Adds a choice among values.
         *
         * @param name the hyperparameter
         * @param choices the values, in order
         * @return this builder
         */
        public Builder categorical(String name, Object... choices) {
            return add(new Categorical(name, List.of(choices)));
        }

        /**
         * Makes the most recently added dimension active only when {@code parent} has one of {@code values}.
         *
         * @param parent an earlier dimension
         * @param values the parent's values that activate it
         * @return this builder
         */
        public Builder activeWhen(String parent, Object... values) {
            return conditionLast(new Condition.In(parent, List.of(values)));
        }

        /**
         * Makes the most recently added dimension active only when {@code parent >= min}.
         *
         * @param parent an earlier numeric dimension
         * @param min the smallest parent value that activates it
         * @return this builder
         */
        public Builder activeWhenAtLeast(String parent, double min) {
            return conditionLast(new Condition.AtLeast(parent, min));
        }

        private Builder conditionLast(Condition condition) {
            if (dimensions.isEmpty()) throw new IllegalStateException("activeWhen: add a dimension first");
            Dimension last = dimensions.removeLast();
            if (last.condition() != null) {
                dimensions.add(last);
                throw new IllegalStateException(
                        "'" + last.name() + "' already has a condition (" + last.condition() + ")");
            }
            return add(last.withCondition(condition));
        }

        /**
         * A value computed from the others after decoding, e.g. a list of layer sizes.
         *
         * @param name the derived value's name, unique in the space
         * @param function computes it from the configuration so far (dimensions and earlier derived values)
         * @return this builder
         */
        public Builder derived(String name, Function<Config, Object> function) {
            if (has(name) || derived.containsKey(name))
                throw new IllegalArgumentException("SearchSpace: duplicate name '" + name + "'");
            derived.put(name, function);
            return this;
        }

        /**
         * Derived {@code name = [width] * depth} from two integer dimensions, e.g. hidden layers of equal width.
         *
         * @param name the derived list's name
         * @param depth an integer dimension added before
         * @param width an integer dimension added before
         * @return this builder
         */
        public Builder hiddenLayers(String name, String depth, String width) {
            requireDimension(depth);
            requireDimension(width);
            return derived(name, c -> Collections.nCopies(c.getInt(depth), c.getInt(width)));
        }

        /**
         * Adds {@code depth in [minDepth, maxDepth]} and one width per layer, {@code widthPrefix_1 ..
         * widthPrefix_maxDepth} in [minWidth, maxWidth], where width i is active only when depth >= i; plus the
         * derived list {@code name = [widthPrefix_1, ..., widthPrefix_depth]}.
         *
         * @param name the derived list's name
         * @param depth the depth dimension's name
         * @param minDepth the fewest layers, at least 1
         * @param maxDepth the most layers
         * @param widthPrefix the prefix of the per-layer width dimensions
         * @param minWidth the smallest width
         * @param maxWidth the largest width
         * @param log whether widths are drawn on a log scale
         * @return this builder
         */
        public Builder perLayerWidths(
                String name,
                String depth,
                int minDepth,
                int maxDepth,
                String widthPrefix,
                int minWidth,
                int maxWidth,
                boolean log) {
            if (minDepth < 1 || maxDepth < minDepth)
                throw new IllegalArgumentException(
                        "perLayerWidths: need 1 <= minDepth <= maxDepth, got " + minDepth + ", " + maxDepth);
            intRange(depth, minDepth, maxDepth);
            for (int i = 1; i <= maxDepth; i++) {
                add(new IntRange(widthPrefix + "_" + i, minWidth, maxWidth, log));
                if (i > minDepth) activeWhenAtLeast(depth, i);
            }
            return derived(name, c -> {
                List<Integer> widths = new ArrayList<>();
                for (int i = 1; i <= c.getInt(depth); i++) widths.add(c.getInt(widthPrefix + "_" + i));
                return List.copyOf(widths);
            });
        }

        private boolean has(String name) {
            return dimensions.stream().anyMatch(d -> d.name().equals(name));
        }

        private void requireDimension(String name) {
            if (!has(name)) throw new IllegalArgumentException("SearchSpace: no dimension '" + name + "' was added");
        }

        /**
         * {@return the space}
         *
         * @throws IllegalStateException if no dimension was added
         */
        public SearchSpace build() {
            if (dimensions.isEmpty()) throw new IllegalStateException("SearchSpace needs at least one dimension");
            return new SearchSpace(dimensions, derived);
        }
    }
}
