package dev.myelin.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * An integer hyperparameter in [lo, hi] (both included), e.g. depth or width. With {@code log = true} the
 * integers are spread evenly in log space, which suits widths such as 8..1024. See {@link Dimension} for the
 * encoding: u in [0, 1] maps onto [lo, hi + 1) and is floored, so every integer has an equal share.
 *
 * @param name the hyperparameter
 * @param lo the lower end
 * @param hi the upper end (included)
 * @param log whether values are spread evenly in log space (lo must be positive)
 * @param condition when the dimension is active, or null for always
 */
public record IntRange(String name, int lo, int hi, boolean log, Condition condition) implements Dimension {

    /** Checks the name and the range. */
    public IntRange {
        Dimension.checkName(name);
        if (lo > hi)
            throw new IllegalArgumentException("IntRange '" + name + "': need lo <= hi, got lo=" + lo + ", hi=" + hi);
        if (log && lo <= 0)
            throw new IllegalArgumentException("IntRange '" + name + "': a log range needs lo >= 1, got lo=" + lo);
    }

    /**
     * An unconditional integer range.
     *
     * @param name the hyperparameter
     * @param lo the lower end
     * @param hi the upper end (included)
     * @param log whether values are spread evenly in log space
     */
    public IntRange(String name, int lo, int hi, boolean log) {
        this(name, lo, hi, log, null);
    }

    /**
     * An unconditional, linear integer range.
     *
     * @param name the hyperparameter
     * @param lo the lower end
     * @param hi the upper end (included)
     */
    public IntRange(String name, int lo, int hi) {
        this(name, lo, hi, false, null);
    }

    @Override
    public IntRange withCondition(Condition condition) {
        return new IntRange(name, lo, hi, log, condition);
    }

    @Override
    public int width() {
        return 1;
    }

    /**
     * The integer at position u in [0, 1]: floor of the continuous value in [lo, hi + 1).
     *
     * @param u a coordinate in [0, 1] (clamped)
     * @return the value
     */
    public int valueAt(double u) {
        u = Dimension.clamp01(u);
        double t = log ? Math.exp(Math.log(lo) + u * (Math.log(hi + 1.0) - Math.log(lo))) : lo + u * (hi + 1.0 - lo);
        return (int) Math.min(hi, Math.max(lo, Math.floor(t)));
    }

    @Override
    public Object decode(double[] x, int offset) {
        return valueAt(x[offset]);
    }

    /** Encodes v at the middle of its share: v + 1/2, or the geometric middle sqrt(v (v + 1)) in log space. */
    @Override
    public void encode(Object value, double[] x, int offset) {
        if (!contains(value))
            throw new IllegalArgumentException(
                    "IntRange '" + name + "': " + value + " is not an integer in [" + lo + ", " + hi + "]");
        int v = ((Number) value).intValue();
        x[offset] = log
                ? (Math.log(Math.sqrt(v * (v + 1.0))) - Math.log(lo)) / (Math.log(hi + 1.0) - Math.log(lo))
                : (v + 0.5 - lo) / (hi + 1.0 - lo);
    }

    /**
     * Every integer from lo to hi ({@code points <= 0} or at least as many points as integers), else
     * {@code points} distinct integers evenly spaced (in log space for log ranges) including lo and hi.
     */
    @Override
    public List<Object> gridValues(int points) {
        List<Object> values = new ArrayList<>();
        long count = (long) hi - lo + 1;
        if (points <= 0 || points >= count) {
            for (long v = lo; v <= hi; v++) values.add((int) v);
            return values;
        }
        for (int i = 0; i < points; i++) {
            double f = points == 1 ? 0.5 : i / (double) (points - 1);
            double t = log ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo))) : lo + f * ((double) hi - lo);
            int v = (int) Math.round(t);
            if (!values.contains(v)) values.add(v);
        }
        return values;
    }

    @Override
    public boolean contains(Object value) {
        return (value instanceof Integer || value instanceof Long || value instanceof Short)
                && ((Number) value).longValue() >= lo
                && ((Number) value).longValue() <= hi;
    }
}
