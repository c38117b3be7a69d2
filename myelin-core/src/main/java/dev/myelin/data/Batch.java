package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/** A supervised mini-batch ({@link Collate#defaultCollate()}): inputs and targets stacked along a new first (batch) dimension. */
public record Batch(Tensor inputs, Tensor targets) {
    /** The number of samples in the batch. */
    public int size() {
        return inputs.size(0);
    }
}
