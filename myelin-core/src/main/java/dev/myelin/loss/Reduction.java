package dev.myelin.loss;

import java.util.Locale;

/**
 * How a loss combines its per-element values, as PyTorch's {@code reduction} argument:
 * {@code NONE} keeps them, {@code MEAN} averages, {@code SUM} adds, and {@code BATCHMEAN}
 * (KL divergence only) adds and divides by the batch size.
 */
public enum Reduction {
    /** Keep the per-element (or per-sample) losses, {@code reduction='none'}. */
    NONE,
    /**
     * Average them, {@code reduction='mean'} (PyTorch's default; weighted for class-weighted NLL and cross-entropy).
     */
    MEAN,
    /** Add them, {@code reduction='sum'}. */
    SUM,
    /**
     * Add them and divide by the batch size (dim 0), {@code reduction='batchmean'}: for {@link KLDivLoss} only, where
     * it gives the true KL divergence per sample.
     */
    BATCHMEAN;

    /**
     * Parses PyTorch's spelling: "none", "mean", "sum", "batchmean" (case and surrounding spaces ignored).
     *
     * @param name the reduction's name
     * @return the reduction
     * @throws IllegalArgumentException if {@code name} is null or none of these
     */
    public static Reduction of(String name) {
        if (name != null) {
            for (Reduction r : values())
                if (r.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException(
                "unknown reduction '" + name + "'; use none, mean, sum (or batchmean for KLDivLoss)");
    }
}
