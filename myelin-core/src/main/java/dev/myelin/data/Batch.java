package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/** A mini-batch from a {@link DataLoader}: inputs and targets stacked along a new first (batch) dimension. */
public record Batch(Tensor inputs, Tensor targets) {
    /** The number of samples in the batch. */
    public int size() {
        return inputs.size(0);
    }
}
