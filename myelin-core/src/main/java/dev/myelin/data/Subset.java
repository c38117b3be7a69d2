package dev.myelin.data;

/**
 * A view of some samples of another dataset, by index (like {@code torch.utils.data.Subset}).
 *
 * @param <S> the type of one sample
 */
public final class Subset<S> implements Dataset<S> {
    private final Dataset<? extends S> source;
    private final int[] indices;

    /**
     * A view of the samples {@code indices} of {@code source}, in that order (the array is copied).
     *
     * @param source the dataset to select from
     * @param indices positions in {@code source}; repeats are allowed
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, source.size())}
     */
    public Subset(Dataset<? extends S> source, int[] indices) {
        for (int i : indices)
            if (i < 0 || i >= source.size())
                throw new IndexOutOfBoundsException(
                        "Subset: index " + i + " is out of range for a dataset of " + source.size() + " samples");
        this.source = source;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public S get(int index) {
        return source.get(indices[index]);
    }

    /** {@return a copy of the indices into the source dataset} */
    public int[] indices() {
        return indices.clone();
    }
}
