package dev.myelin.graph;

import java.util.Locale;

/**
 * How the features of a new self-loop are filled, as PyTorch Geometric's {@code add_self_loops(..., fill_value)}:
 * a reduction of the features of the node's incoming edges ({@code "mean"}, PyG's default for {@code GATConv};
 * {@code "add"}/{@code "sum"}, {@code "max"}, {@code "min"}; a node without incoming edges gets 0), or one constant
 * in every feature.
 *
 * @param reduce the reduction over the node's incoming edges, or null for {@code constant}
 * @param constant the value of every feature of a new loop when {@code reduce} is null
 */
public record SelfLoopFill(String reduce, double constant) {
    /** PyG's default for {@code GATConv}: the mean of the node's incoming edge features. */
    public static final SelfLoopFill MEAN = new SelfLoopFill("mean", 0);

    /**
     * Checks the reduction's name.
     *
     * @throws IllegalArgumentException for a reduction other than mean, add, sum, max or min, or a non-finite constant
     */
    public SelfLoopFill {
        if (reduce != null
                && !java.util.Set.of("mean", "add", "sum", "max", "min").contains(reduce))
            throw new IllegalArgumentException(
                    "fill_value: unknown reduction '" + reduce + "'; use mean, add, sum, max, min or a number");
        if (!Double.isFinite(constant))
            throw new IllegalArgumentException("fill_value must be a finite number, got " + constant);
    }

    /**
     * A reduction by PyG's name.
     *
     * @param reduce mean, add, sum, max or min (case-insensitive)
     * @return the fill
     * @throws IllegalArgumentException for another name
     */
    public static SelfLoopFill of(String reduce) {
        if (reduce == null)
            throw new IllegalArgumentException("fill_value must not be null; use mean, add, max or min");
        return new SelfLoopFill(reduce.toLowerCase(Locale.ROOT), 0);
    }

    /**
     * One constant in every feature of a new loop ({@code fill_value=1.0}).
     *
     * @param value the value, finite
     * @return the fill
     */
    public static SelfLoopFill constant(double value) {
        return new SelfLoopFill(null, value);
    }

    @Override
    public String toString() {
        return reduce != null ? reduce : String.valueOf(constant);
    }
}
