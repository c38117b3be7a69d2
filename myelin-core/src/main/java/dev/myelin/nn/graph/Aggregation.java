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
}
