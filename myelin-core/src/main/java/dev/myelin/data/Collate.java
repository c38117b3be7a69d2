package dev.myelin.data;

import java.util.List;

/**
 * Merges the samples of one mini-batch into a batch, like the {@code collate_fn} of
 * {@code torch.utils.data.DataLoader}: stacking same-shaped tensors, padding sequences of different lengths,
 * or building any record the training step reads. It runs on the loader's prefetch thread when prefetching,
 * so it must not depend on shared mutable state.
 *
 * @param <S> the dataset's sample type
 * @param <B> the batch type
 */
@FunctionalInterface
public interface Collate<S, B> {
    /**
     * Merges one mini-batch of samples.
     *
     * @param samples the samples of the batch, in loader order (never empty)
     * @return the batch made of {@code samples}
     */
    B apply(List<S> samples);

    /**
     * PyTorch's {@code default_collate} for supervised samples: features and targets each stacked along a new
     * first (batch) dimension; every sample's features (and targets) must have the same shape.
     *
     * @return the shared default collate function
     */
    static Collate<Example, Batch> defaultCollate() {
        return DefaultCollate.INSTANCE;
    }
}
