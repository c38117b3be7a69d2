package dev.myelin.cli;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import java.util.Arrays;

/** Small data-set cuts the commands need. */
final class RunSplits {
    private RunSplits() {}

    /** n examples drawn without replacement (seeded), in their original order. */
    static TensorDataset randomSubset(TensorDataset data, int n, Generator gen) {
        if (n <= 0) throw new IllegalArgumentException("--subset must be positive, got " + n);
        if (n >= data.size()) return data;
        int[] pick = Arrays.copyOf(gen.permutation(data.size()), n);
        Arrays.sort(pick);
        return data.subset(pick);
    }
}
