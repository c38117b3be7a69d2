package dev.myelin.nn.graph;

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
