package dev.myelin.tune;

import java.util.List;

/**
 * One named hyperparameter of a {@link SearchSpace}.
 *
 * <p><b>Continuous encoding</b> (used by random search, particle swarm and the genetic algorithm): every
 * dimension occupies {@link #width()} coordinates in [0, 1] of a point.
 * <ul>
 *   <li>{@link FloatRange}: one coordinate u, value = lo + u (hi - lo); for a log range the same in log space,
 *       value = exp(ln lo + u (ln hi - ln lo)).</li>
 *   <li>{@link IntRange}: one coordinate u mapped like a float range onto [lo, hi + 1) (log space for log
 *       ranges) and floored, so each integer owns an equal share of [0, 1] (of log space for log ranges).</li>
 *   <li>{@link Categorical}: one coordinate per choice; the value is the choice with the largest coordinate
 *       (argmax, first on ties). Encoding a choice puts 1 on its coordinate and 0 on the others.</li>
 * </ul>
 * A uniform random point therefore decodes to a uniform (log-uniform for log ranges) random configuration.
 */
public sealed interface Dimension permits FloatRange, IntRange, Categorical {

    /** {@return the hyperparameter's name, unique in its space} */
    String name();

    /** {@return when this dimension is active, or null if always} */
    Condition condition();

    /**
     * This dimension with an activation condition.
     *
     * @param condition when it is active
     * @return the same dimension with that condition
     */
    Dimension withCondition(Condition condition);

    /** {@return the number of coordinates in the continuous encoding} */
    int width();

    /**
     * The value encoded by {@code x[offset .. offset + width())}.
     *
     * @param x an encoded point
     * @param offset the index of this dimension's first coordinate
     * @return the value
     */
    Object decode(double[] x, int offset);

    /**
     * Writes the encoding of {@code value} to {@code x[offset .. offset + width())}.
     *
     * @param value a value this dimension contains
     * @param x the encoded point to write into
     * @param offset the index of this dimension's first coordinate
     */
    void encode(Object value, double[] x, int offset);

    /**
     * The values a grid search tries. {@code points <= 0} means "the natural grid": every integer of an
     * {@link IntRange}, every choice of a {@link Categorical}; a {@link FloatRange} has no natural grid.
     *
     * @param points values per float range, or {@code <= 0} for the natural grid
     * @return the values, in increasing (or declaration) order
     */
    List<Object> gridValues(int points);

    /**
     * Whether {@code value} is one this dimension can produce.
     *
     * @param value a candidate value
     * @return true if decoding can give it
     */
    boolean contains(Object value);

    /**
     * Clamps to [0, 1] (coordinates can leave the unit interval through floating-point error or user code).
     *
     * @param u a coordinate
     * @return u clamped to [0, 1]
     */
    static double clamp01(double u) {
        return u < 0 ? 0 : (u > 1 ? 1 : u);
    }

    /**
     * Fails unless {@code name} is a usable dimension name.
     *
     * @param name the name to check
     * @throws IllegalArgumentException if it is null or blank
     */
    static void checkName(String name) {
        if (name == null || name.isBlank())
            throw new IllegalArgumentException("dimension name must be a non-blank string, got '" + name + "'");
    }
}
