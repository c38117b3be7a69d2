package dev.myelin.spark;

import java.util.Locale;

/** How the partitions train one model together. */
public enum TrainingMode {
    /**
     * Each step, every partition computes the gradient of its share of the global batch, {@code treeAggregate} sums
     * them and the driver steps the optimizer: the same updates as one machine on the same global batch.
     */
    SYNC,
    /**
     * Local SGD (DL4J's parameter averaging): each partition takes {@code localSteps} steps on its own data, then
     * the weights and the optimizer state are averaged. One exchange per round instead of one per step.
     */
    AVERAGING;

    /** The mode named {@code name} ("sync" or "averaging"), or an error listing both. */
    public static TrainingMode fromName(String name) {
        for (TrainingMode m : values()) if (m.name().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("mode: unknown '" + name + "'; use sync or averaging");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
