package dev.myelin.data;

/**
 * A finite, indexable collection of samples, like {@code torch.utils.data.Dataset} (map-style). The sample
 * type is the dataset's own: an {@link Example} (features, target) for supervised data, which the
 * {@link DataLoader} batches by default, or any record (several tensors, a variable-length sequence), which a
 * {@link Collate} function turns into batches.
 *
 * @param <S> the type of one sample
 */
public interface Dataset<S> {
    /** {@return the number of samples} */
    int size();

    /**
     * Reads one sample, like {@code dataset[index]} in PyTorch.
     *
     * @param index the sample's position, {@code 0 <= index < size()}
     * @return sample {@code index}
     */
    S get(int index);
}
