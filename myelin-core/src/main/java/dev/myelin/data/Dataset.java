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
    /** The number of samples. */
    int size();

    /** Sample {@code index}, for 0 &lt;= index &lt; size(). */
    S get(int index);
}
