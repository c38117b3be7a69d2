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

    /**
     * The mode named {@code name} ("sync" or "averaging", any case).
     *
     * @param name the mode's name, as {@link #key()} gives it
     * @return the mode
     * @throws IllegalArgumentException naming both modes if {@code name} is neither
     */
    public static TrainingMode fromName(String name) {
        for (TrainingMode m : values()) if (m.name().equalsIgnoreCase(name)) return m;
        throw new IllegalArgumentException("mode: unknown '" + name + "'; use sync or averaging");
    }

    /** {@return the mode's name in params and on the command line: "sync" or "averaging"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
