package dev.myelin.nn.graph;

/** How a node combines its incoming messages, as PyTorch Geometric's {@code aggr} ("add", "mean", "max"). */
public enum Aggregation {
    ADD("add"),
    MEAN("mean"),
    MAX("max");

    private final String pygName;

    Aggregation(String pygName) {
        this.pygName = pygName;
    }

    public String pygName() {
        return pygName;
    }
}
