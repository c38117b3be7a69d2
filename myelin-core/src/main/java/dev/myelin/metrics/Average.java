package dev.myelin.metrics;

/** How per-class scores combine into one, as scikit-learn's {@code average} argument. */
public enum Average {
    /** Unweighted mean over classes. */
    MACRO,
    /** Mean over classes weighted by support (number of true samples of each class). */
    WEIGHTED,
    /** Global counts of true positives, false positives and false negatives. */
    MICRO
}
