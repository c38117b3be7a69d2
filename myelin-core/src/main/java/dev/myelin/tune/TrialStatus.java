package dev.myelin.tune;

/** How a trial ended. */
public enum TrialStatus {
    /** The objective returned a finite score. */
    OK,
    /** The objective threw, or returned NaN or infinity (divergence). */
    FAILED,
    /** The trial stopped itself early (see {@link TrialContext#shouldStop()}) after reporting a poor score. */
    PRUNED
}
