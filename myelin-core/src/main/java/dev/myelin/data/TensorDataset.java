package dev.myelin.data;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * A dataset backed by two tensors whose first dimension indexes the samples, like
 * {@code torch.utils.data.TensorDataset}: sample i is {@code (features[i], targets[i])}.
 * {@link DataLoader} batches it by copying rows directly.
 */
public final class TensorDataset implements Dataset<Example> {
    private final Tensor features;
    private final Tensor targets;

    /**
     * A dataset over the rows of two tensors (not copied; a view, such as a narrowed or transposed tensor, is copied
     * once into row-major order, so that batches copy their rows straight from it).
     *
     * @param features shape [N, ...]
     * @param targets shape [N, ...] (e.g. [N] class indices or [N, k] values)
     * @throws IllegalArgumentException if either is a scalar or their first dimensions differ
     */
    public TensorDataset(Tensor features, Tensor targets) {
        if (features.dim() == 0 || targets.dim() == 0)
            throw new IllegalArgumentException(
                    "TensorDataset: features and targets need a first (sample) dimension, got shapes "
                            + Arrays.toString(features.shape()) + " and " + Arrays.toString(targets.shape()));
        if (features.size(0) != targets.size(0))
            throw new IllegalArgumentException("TensorDataset: features have " + features.size(0) + " samples (shape "
                    + Arrays.toString(features.shape()) + ") but targets have " + targets.size(0) + " (shape "
                    + Arrays.toString(targets.shape()) + ")");
        this.features = features.contiguous();
        this.targets = targets.contiguous();
    }

    /** {@return all features, shape [N, ...]} */
    public Tensor features() {
        return features;
    }

    /** {@return all targets, shape [N, ...]} */
    public Tensor targets() {
        return targets;
    }

    @Override
    public int size() {
        return features.size(0);
    }

    @Override
    public Example get(int index) {
        if (index < 0 || index >= size())
            throw new IndexOutOfBoundsException(
                    "TensorDataset: index " + index + " is out of range for " + size() + " samples");
        return new Example(row(features, index), row(targets, index));
    }

    /**
     * Selects samples by copying their rows.
     *
     * @param indices the rows to keep, in order
     * @return a new dataset of the samples at {@code indices}
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())}
     */
    public TensorDataset subset(int[] indices) {
        return new TensorDataset(Rows.take(features, indices), Rows.take(targets, indices));
    }

    private static Tensor row(Tensor t, int i) {
        int n = Rows.rowSize(t);
        return new Tensor(Arrays.copyOfRange(t.values(), i * n, (i + 1) * n), Rows.rowShape(t));
    }
}
