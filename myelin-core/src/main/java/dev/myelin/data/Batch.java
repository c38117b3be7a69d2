package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/**
 * A supervised mini-batch ({@link Collate#defaultCollate()}): inputs and targets stacked along a new first (batch)
 * dimension.
 *
 * @param inputs the samples' features stacked to [B, ...feature shape]
 * @param targets the samples' targets stacked to [B, ...target shape] (e.g. [B] class indices)
 */
public record Batch(Tensor inputs, Tensor targets) {
    /** {@return the number of samples in the batch, {@code inputs().size(0)}} */
    public int size() {
        return inputs.size(0);
    }
}
