package dev.myelin.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * A real-valued hyperparameter in [lo, hi], e.g. a learning rate. With {@code log = true} values are spread
 * evenly in log space (random search samples log-uniformly), which suits scale parameters such as learning
 * rate or weight decay. See {@link Dimension} for the encoding.
 *
 * @param name the hyperparameter
 * @param lo the lower end
 * @param hi the upper end (included)
 * @param log whether values are spread evenly in log space (lo must be positive)
 * @param condition when the dimension is active, or null for always
 */
public record FloatRange(String name, double lo, double hi, boolean log, Condition condition) implements Dimension {

    /** Checks the name and the range. */
    public FloatRange {
        Dimension.checkName(name);
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi))
            throw new IllegalArgumentException(
                    "FloatRange '" + name + "': need finite lo < hi, got lo=" + lo + ", hi=" + hi);
        if (log && lo <= 0)
            throw new IllegalArgumentException("FloatRange '" + name + "': a log range needs lo > 0, got lo=" + lo);
    }

    /**
     * An unconditional real range.
     *
     * @param name the hyperparameter
     * @param lo the lower end
     * @param hi the upper end (included)
     * @param log whether values are spread evenly in log space
     */
    public FloatRange(String name, double lo, double hi, boolean log) {
        this(name, lo, hi, log, null);
    }

    /**
     * An unconditional, linear real range.
     *
     * @param name the hyperparameter
     * @param lo the lower end
     * @param hi the upper end (included)
     */
    public FloatRange(String name, double lo, double hi) {
        this(name, lo, hi, false, null);
    }

    @Override
    public FloatRange withCondition(Condition condition) {
        return new FloatRange(name, lo, hi, log, condition);
    }

    @Override
    public int width() {
        return 1;
    }

    /**
     * The value at position u in [0, 1] of the (log) range.
     *
     * @param u a coordinate in [0, 1] (clamped)
     * @return the value
     */
    public double valueAt(double u) {
        u = Dimension.clamp01(u);
        if (u == 0) return lo;
        if (u == 1) return hi;
        double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        return Math.min(hi, Math.max(lo, v));
    }

    @Override
    public Object decode(double[] x, int offset) {
        return valueAt(x[offset]);
    }

    @Override
    public void encode(Object value, double[] x, int offset) {
        if (!contains(value))
            throw new IllegalArgumentException(
                    "FloatRange '" + name + "': " + value + " is not a number in [" + lo + ", " + hi + "]");
        double v = ((Number) value).doubleValue();
        x[offset] = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    }

    /** {@code points} values evenly spaced (in log space for log ranges) from lo to hi; one point is the middle. */
    @Override
    public List<Object> gridValues(int points) {
        if (points <= 0)
            throw new IllegalArgumentException(
                    "FloatRange '" + name + "' needs an explicit number of grid points (>= 1), got " + points);
        List<Object> values = new ArrayList<>(points);
        if (points == 1) {
            values.add(valueAt(0.5));
            return values;
        }
        for (int i = 0; i < points; i++) values.add(valueAt(i / (double) (points - 1)));
        return values;
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Number n && n.doubleValue() >= lo && n.doubleValue() <= hi;
    }
}
