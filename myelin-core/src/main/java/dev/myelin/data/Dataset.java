package dev.myelin.data;

/**
 * A finite, indexable collection of samples, like {@code torch.utils.data.Dataset} (map-style).
 * Every sample of one dataset has the same feature shape and the same target shape.
 */
public interface Dataset {
    /** The number of samples. */
    int size();

    /** Sample {@code index}, for 0 &lt;= index &lt; size(). */
    Example get(int index);
}
