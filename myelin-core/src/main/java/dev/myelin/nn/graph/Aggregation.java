package dev.myelin.nn.graph;

import dev.myelin.graph.Scatter;
import dev.myelin.graph.SparseMatrix;
import dev.myelin.tensor.Tensor;

/** How a node combines its incoming messages, as PyTorch Geometric's {@code aggr} ("add", "mean", "max"). */
public enum Aggregation {
    /** Σ of the incoming messages (PyG's "add"). */
    ADD("add"),
    /** The mean of the incoming messages; 0 for a node without any. */
    MEAN("mean"),
    /** The elementwise maximum of the incoming messages; 0 for a node without any. */
    MAX("max");

    private final String pygName;

    Aggregation(String pygName) {
        this.pygName = pygName;
    }

    /** {@return PyTorch Geometric's name for this aggregation, as its {@code aggr} argument takes it} */
    public String pygName() {
        return pygName;
    }

    /**
     * Combines the rows of each group: a layer's messages by target node, or a batch's nodes by graph.
     *
     * @param src the rows, [n, ...]
     * @param grouping the [groups, n] grouping, e.g. {@code EdgeIndex.byTarget()} or {@code BatchVector.grouping()}
     * @return one row per group, [groups, ...]; 0 for an empty group
     * @throws dev.myelin.tensor.ShapeMismatchException if src does not have one row per grouped element
     */
    public Tensor reduce(Tensor src, SparseMatrix grouping) {
        return switch (this) {
            case ADD -> Scatter.sum(src, grouping);
            case MEAN -> Scatter.mean(src, grouping);
            case MAX -> Scatter.max(src, grouping);
        };
    }

    /**
     * The aggregation PyG names {@code name}.
     *
     * @param name add, mean or max
     * @return the aggregation
     * @throws IllegalArgumentException for another name
     */
    public static Aggregation of(String name) {
        for (Aggregation a : values()) if (a.pygName.equals(name)) return a;
        throw new IllegalArgumentException("unknown aggregation '" + name + "'; use add, mean or max");
    }
}
