package dev.myelin.loss;

import java.util.Locale;

/**
 * How a loss combines its per-element values, as PyTorch's {@code reduction} argument:
 * {@code NONE} keeps them, {@code MEAN} averages, {@code SUM} adds, and {@code BATCHMEAN}
 * (KL divergence only) adds and divides by the batch size.
 */
public enum Reduction {
    NONE,
    MEAN,
    SUM,
    BATCHMEAN;

    /** Parses PyTorch's spelling: "none", "mean", "sum", "batchmean". */
    public static Reduction of(String name) {
        if (name != null) {
            for (Reduction r : values())
                if (r.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) return r;
        }
        throw new IllegalArgumentException(
                "unknown reduction '" + name + "'; use none, mean, sum (or batchmean for KLDivLoss)");
    }
}
