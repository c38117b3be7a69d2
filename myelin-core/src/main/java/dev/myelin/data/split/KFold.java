package dev.myelin.data.split;

import dev.myelin.tensor.Generator;
import java.util.List;
import java.util.function.Supplier;

/**
 * K-fold cross-validation, like {@code sklearn.model_selection.KFold}: the (optionally shuffled) samples are cut
 * into k consecutive folds, the first {@code n % k} of size {@code n / k + 1} and the rest {@code n / k}; each fold
 * is the test part once. Indices in each part are in ascending order.
 */
public final class KFold {
    private final int nSplits;
    private final boolean shuffle;
    // A fresh numpy state per split() for a seed (as scikit-learn re-seeds), the caller's generator otherwise.
    private final Supplier<Shuffler> draws;

    /**
     * K-fold cross-validation (scikit-learn's {@code KFold(n_splits, shuffle)}).
     *
     * @param nSplits the number of folds k, &gt;= 2
     * @param shuffle whether to shuffle the samples before cutting them into folds (a new order on every
     *     {@link #split} call)
     * @param generator the source of the shuffle; may be null without shuffling
     * @throws IllegalArgumentException if {@code nSplits < 2}, or shuffling without a generator
     */
    public KFold(int nSplits, boolean shuffle, Generator generator) {
        if (nSplits < 2) throw new IllegalArgumentException("KFold: nSplits must be at least 2, got " + nSplits);
        if (shuffle && generator == null) throw new IllegalArgumentException("KFold: shuffle needs a generator");
        this.nSplits = nSplits;
        this.shuffle = shuffle;
        Shuffler fromGenerator = shuffle ? Shuffler.of(generator, "KFold") : null;
        this.draws = () -> fromGenerator;
    }

    /**
     * Shuffled folds drawn as scikit-learn's {@code KFold(nSplits, shuffle=True, random_state=randomState)}
     * draws them: from numpy's legacy {@code RandomState(randomState)}, so the folds are scikit-learn's exactly.
     *
     * @param nSplits the number of folds, at least 2
     * @param randomState scikit-learn's random_state, in [0, 2^32 - 1]
     */
    public KFold(int nSplits, long randomState) {
        if (nSplits < 2) throw new IllegalArgumentException("KFold: nSplits must be at least 2, got " + nSplits);
        this.nSplits = nSplits;
        this.shuffle = true;
        Shuffler.numpy(randomState, "KFold"); // checks the seed now
        this.draws = () -> Shuffler.numpy(randomState, "KFold");
    }

    /**
     * Folds in sample order (no shuffling).
     *
     * @param nSplits the number of folds k, &gt;= 2
     * @throws IllegalArgumentException if {@code nSplits < 2}
     */
    public KFold(int nSplits) {
        this(nSplits, false, null);
    }

    /** {@return the number of folds k} */
    public int nSplits() {
        return nSplits;
    }

    /**
     * Cuts {@code nSamples} samples into folds.
     *
     * @param nSamples the number of samples, at least {@code nSplits}
     * @return k splits, the i-th holding fold i out as its test part
     * @throws IllegalArgumentException if {@code nSamples < nSplits}
     */
    public List<IndexSplit> split(int nSamples) {
        if (nSplits > nSamples)
            throw new IllegalArgumentException(
                    "KFold: cannot have nSplits=" + nSplits + " greater than the number of samples: " + nSamples);
        Shuffler rng = draws.get();
        int[] order = shuffle ? rng.permutation(nSamples) : Splits.identity(nSamples);
        int[] fold = new int[nSamples];
        int start = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = nSamples / nSplits + (f < nSamples % nSplits ? 1 : 0);
            for (int i = start; i < start + size; i++) fold[order[i]] = f;
            start += size;
        }
        return Folds.fromAssignment(fold, nSplits);
    }
}
